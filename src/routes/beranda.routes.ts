import { Router } from 'express';
import type { Env } from '../config/env.ts';
import * as beranda from '../controllers/beranda.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

export function berandaRoutes(env: Env): Router {
  const router = Router();
  router.get('/', requireAuth, beranda.beranda(env.APP_TIMEZONE));
  return router;
}

/** Menu entries whose issues have not landed yet: a "belum tersedia" page rather than a 404. */
export function placeholderRoutes(): Router {
  const router = Router();
  return router;
}
