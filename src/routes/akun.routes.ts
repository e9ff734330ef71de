import { Router } from 'express';
import type { Env } from '../config/env.ts';
import * as akun from '../controllers/akun.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

export function akunRoutes(env: Env): Router {
  const router = Router();
  router.get('/akun/password', requireAuth, akun.showPassword);
  router.post('/akun/password', requireAuth, akun.updatePassword(env.PASSWORD_CHECK_MAX));
  return router;
}
