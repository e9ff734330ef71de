import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.ts';
import { CONTROL } from '../validation/common.ts';

/** True when a parsed body or query (strings, arrays, nested objects, and their keys) carries a control character. */
export function hasControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasControlCharacters(v, depth + 1));
  return Object.entries(value).some(([k, v]) => CONTROL.test(k) || hasControlCharacters(v, depth + 1));
}

export class ControlCharacterError extends AppError {
  constructor() {
    super('Isian berisi karakter yang tidak diizinkan (karakter kontrol). Periksa kembali isian Anda, lalu kirim ulang.', 422);
  }
}

/**
 * The edge of every form: a control character (NUL, ESC, …; tab and line breaks are allowed) in any field or query
 * value is refused with a 422 before any route, throttle or query sees it. Nobody types them; PostgreSQL refuses NUL
 * (a NUL in the login NIP reached the throttle table and gave a 500). Each schema still refuses line breaks in
 * single-line fields next to the field; this is the class-wide guard that new forms inherit without doing anything.
 */
export function rejectControlCharacters(req: Request, _res: Response, next: NextFunction): void {
  if (hasControlCharacters(req.query) || hasControlCharacters(req.body)) return next(new ControlCharacterError());
  next();
}
