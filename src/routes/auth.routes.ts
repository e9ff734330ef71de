import { Router } from 'express';
import type { Env } from '../config/env.ts';
import * as auth from '../controllers/auth.controller.ts';
import { requireAuth } from '../middleware/auth.ts';
import { loginThrottle } from '../middleware/login-throttle.ts';

export function authRoutes(env: Env): Router {
  const throttle = loginThrottle(env, (req, res) => {
    res.setHeader('Retry-After', String(env.LOGIN_WINDOW_MINUTES * 60));
    auth.tooManyAttempts(req, res, env.LOGIN_WINDOW_MINUTES);
  });
  const router = Router();
  router.get('/login', auth.showLogin);
  router.post('/login', throttle, auth.login);
  router.post('/logout', requireAuth, auth.logout);
  return router;
}
