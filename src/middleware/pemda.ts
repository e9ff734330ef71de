import type { NextFunction, Request, Response } from 'express';
import { asset } from '../lib/assets.ts';
import { getLogo } from '../services/logo.service.ts';
import { getSettings } from '../services/settings.service.ts';

/** The Pemda's name and logo for every page header (both cached for a few seconds). */
export async function pemda(_req: Request, res: Response, next: NextFunction): Promise<void> {
  const [settings, logo] = await Promise.all([getSettings(), getLogo()]);
  res.locals.namaPemda = settings.namaPemda;
  res.locals.logoUrl = logo ? `/logo/${logo.hash}.${logo.mime === 'image/png' ? 'png' : 'jpg'}` : asset('logo.svg');
  next();
}

/** GET /logo/<hash>.<ext>: the uploaded logo, cached for a year (a new logo has a new name). */
export async function serveLogo(req: Request, res: Response, next: NextFunction): Promise<void> {
  const logo = await getLogo();
  if (!logo || !String(req.params.file ?? '').startsWith(`${logo.hash}.`)) return next();
  res.setHeader('Content-Type', logo.mime);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.end(logo.data);
}
