import { Router } from 'express';
import * as akun from '../controllers/akun.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

export function akunRoutes(): Router {
  const router = Router();
  router.get('/akun/password', requireAuth, akun.showPassword);
  router.post('/akun/password', requireAuth, akun.updatePassword);
  return router;
}
