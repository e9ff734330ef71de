import { Router } from 'express';
import * as abk from '../controllers/abk.controller.ts';

/** Before the session layer: citizens' requests for already rendered ABK pages (see the controller). */
export const abkFastPath = abk.anonymousFastPath;

/** ABK is public (no login): read-only pages and open data files, no personal data. */
export function abkRoutes(): Router {
  const router = Router();
  router.get('/abk', abk.index);
  router.get('/abk.csv', abk.csv);
  router.get('/abk.json', abk.json);
  router.get('/abk/unit/:id', abk.unit);
  router.get('/abk/jabatan/:id', abk.jabatan);
  return router;
}
