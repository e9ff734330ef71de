import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { pembayaranController } from '../controllers/pembayaran.controller.ts';
import { requireAdmin, requireBendahara } from '../middleware/auth.ts';

/**
 * Daftar pembayaran TPP (issue 22) per unit subtree and ditetapkan month: bendahara (their OPD, accounts masked) and
 * admin (any unit); the bank's bulk-transfer file carries the accounts in full: admin only.
 */
export function pembayaranRoutes(env: Env): Router {
  const c = pembayaranController(env.APP_TIMEZONE);
  const router = Router();
  router.get('/pembayaran', requireBendahara, c.index);
  router.get('/pembayaran/unit/:id.xlsx', requireBendahara, c.excel);
  router.get('/pembayaran/unit/:id.pdf', requireBendahara, c.pdf);
  router.get('/pembayaran/unit/:id.csv', requireAdmin, c.csv);
  return router;
}
