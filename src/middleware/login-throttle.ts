import { setTimeout as sleep } from 'node:timers/promises';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Env } from '../config/env.ts';
import { logger } from '../lib/logger.ts';
import { countAttempt, forget, giveBack } from '../services/throttle.service.ts';

/**
 * Login throttling that an attacker cannot turn against the account's owner (OWASP Authentication and Credential
 * Stuffing cheat sheets; ASVS 5.0 V6.3.1). A hard lock per NIP let anyone lock anyone out for 15 minutes. Now:
 * - per NIP + address: LOGIN_MAX_PER_NIP failures, then 429 for that pair only (guessing from one address stops);
 * - per address: LOGIN_MAX_PER_IP failures over all NIPs, then 429 (spraying from one address stops);
 * - per NIP over all addresses: no lock, a delay that doubles with each failure beyond LOGIN_MAX_PER_NIP, up to
 *   LOGIN_DELAY_MAX_MS (a botnet is slowed to a crawl; the owner waits a few seconds at most and gets in).
 * A refused attempt is not counted, and an attempt that was not a wrong password (a success, a 422) is given back.
 */
export function loginThrottle(env: Env, tooMany: (req: Request, res: Response) => void) {
  const windowMs = env.LOGIN_WINDOW_MINUTES * 60_000;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const nip = typeof req.body?.nip === 'string' ? req.body.nip.trim() : '';
    // Not a NIP: the form is refused (422) before any password is checked, so there is nothing to throttle.
    if (!/^\d{18}$/.test(nip)) return next();
    const ip = ipKeyGenerator(req.ip ?? '');
    const pair = `ipnip:${ip}|${nip}`;
    const keys = [pair, `ip:${ip}`, `nip:${nip}`];
    const [perPair, perIp, perNip] = await countAttempt(keys, windowMs);
    if (perPair > env.LOGIN_MAX_PER_NIP || perIp > env.LOGIN_MAX_PER_IP) {
      await giveBack(keys);
      return tooMany(req, res);
    }
    const delay = loginDelayMs(perNip - 1, env);
    if (delay > 0) await sleep(delay);
    res.once('finish', () => {
      if (res.statusCode === 401) return;
      const undo = res.statusCode < 400 ? Promise.all([forget([pair]), giveBack(keys.slice(1))]) : giveBack(keys);
      undo.catch((err) => logger.warn({ err: { message: (err as Error).message } }, 'login throttle: give back failed'));
    });
    next();
  };
}

/** The wait before checking a password for a NIP with this many earlier failures (from any address). */
export function loginDelayMs(failuresBefore: number, env: Pick<Env, 'LOGIN_MAX_PER_NIP' | 'LOGIN_DELAY_BASE_MS' | 'LOGIN_DELAY_MAX_MS'>) {
  const beyond = failuresBefore - env.LOGIN_MAX_PER_NIP;
  if (beyond < 0) return 0;
  return Math.min(env.LOGIN_DELAY_MAX_MS, env.LOGIN_DELAY_BASE_MS * 2 ** Math.min(beyond, 20));
}
