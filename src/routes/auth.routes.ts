import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Env } from '../config/env.ts';
import * as auth from '../controllers/auth.controller.ts';
import { requireAuth } from '../middleware/auth.ts';
import { PgThrottleStore } from '../services/throttle.service.ts';

export function authRoutes(env: Env): Router {
  const windowMs = env.LOGIN_WINDOW_MINUTES * 60_000;
  // Only failed attempts count (a successful login gives the attempt back). Keyed per NIP and per IP.
  const common = {
    windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: (req: import('express').Request, res: import('express').Response) => auth.tooManyAttempts(req, res, env.LOGIN_WINDOW_MINUTES),
  };
  const perIp = rateLimit({
    ...common,
    limit: env.LOGIN_MAX_PER_IP,
    store: new PgThrottleStore('ip:'),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
  });
  const perNip = rateLimit({
    ...common,
    limit: env.LOGIN_MAX_PER_NIP,
    store: new PgThrottleStore('nip:'),
    keyGenerator: (req) =>
      String(req.body?.nip ?? '')
        .trim()
        .slice(0, 40) || 'kosong',
  });

  const router = Router();
  router.get('/login', auth.showLogin);
  router.post('/login', perIp, perNip, auth.login);
  router.post('/logout', requireAuth, auth.logout);
  return router;
}
