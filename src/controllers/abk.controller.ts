import type { NextFunction, Request, Response } from 'express';
import { bebanTugas, PEMBULATAN_LABEL, PJ_LABEL, parseCenti } from '../domain/abk.ts';
import { JENIS_LABEL } from '../domain/anjab.ts';
import { bilangan, desimal, desimalInput, selisih } from '../lib/angka.ts';
import { fieldErrors } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import * as abk from '../services/abk.service.ts';
import { simulasiSchema } from '../validation/abk.schema.ts';

// Public pages (no login). What an anonymous visitor sees is the same for everyone until the data changes, so it
// is rendered once per snapshot and revalidated by browsers with an ETag carrying the snapshot's stamp.
const helpers = { JENIS_LABEL, desimal, bilangan, selisih, desimalInput, bebanTugas, parseCenti, PJ_LABEL, PEMBULATAN_LABEL };

// An anonymous visitor's copy is compressed once per snapshot (not per request, as the compression middleware would).
function send(req: Request, res: Response, snap: abk.AbkSnapshot, key: string, body: string): void {
  res.setHeader('Vary', 'Cookie, Accept-Encoding');
  if (req.user || !snap.versi) return void res.send(body);
  res.setHeader('Cache-Control', 'public, no-cache');
  res.setHeader('ETag', `W/"abk-${snap.versi}-${key}"`);
  if (!res.getHeader('Content-Type')) res.type('html');
  const accept = String(req.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!encoding || body.length < 1024) return void res.send(body);
  res.setHeader('Content-Encoding', encoding);
  res.send(abk.compressed(snap, key, body, encoding));
}

// `key` names the page canonically (not req.path: routing ignores case and a trailing slash, the memo must not).
function renderPublic(
  req: Request,
  res: Response,
  next: NextFunction,
  snap: abk.AbkSnapshot,
  key: string,
  view: string,
  locals: object,
): void {
  const shared = !req.user && (res.locals.flash as unknown[]).length === 0;
  const hit = shared ? snap.memo.get(key) : undefined;
  if (hit !== undefined) return send(req, res, snap, key, hit);
  res.render(view, { ...helpers, p: snap.params, ...locals }, (err, html) => {
    if (err) return next(err);
    if (shared) snap.memo.set(key, html);
    send(req, res, snap, key, html);
  });
}

export async function index(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await abk.abkSnapshot();
  renderPublic(req, res, next, snap, 'page:index', 'abk/index', { title: 'Analisis Beban Kerja (ABK)', pemda: snap.pemda });
}

export async function unit(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await abk.abkSnapshot();
  const view = abk.abkUnit(snap, idParam(req.params.id));
  renderPublic(req, res, next, snap, `page:unit:${view.unit.id}`, 'abk/unit', { title: `ABK ${view.unit.nama}`, ...view });
}

export async function jabatan(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await abk.abkSnapshot();
  const id = idParam(req.params.id);
  const base = abk.abkJabatan(snap, id);
  const locals = { title: base.jabatan.nama, ...base, values: {}, errors: {} };
  const typed = Object.fromEntries(
    base.jabatan.tugas.filter((t) => `v${t.id}` in req.query).map((t) => [`v${t.id}`, req.query[`v${t.id}`]]),
  );
  if (Object.keys(typed).length === 0) return renderPublic(req, res, next, snap, `page:jabatan:${id}`, 'abk/jabatan', locals);

  // "Simulasi": the figures for the volumes typed, computed here, never saved, and not memoised (one visitor's page).
  const values = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const parsed = simulasiSchema.safeParse(typed);
  if (!parsed.success) {
    return void res.status(422).render('abk/jabatan', { ...helpers, p: snap.params, ...locals, values, errors: fieldErrors(parsed.error) });
  }
  const volumes = new Map(Object.entries(parsed.data).map(([k, v]) => [Number(k.slice(1)), v]));
  res.render('abk/jabatan', { ...helpers, p: snap.params, ...locals, ...abk.abkJabatan(snap, id, volumes), values });
}

export async function csv(req: Request, res: Response): Promise<void> {
  const snap = await abk.abkSnapshot();
  openData(res, 'text/csv; charset=utf-8', 'attachment; filename="abk.csv"');
  send(req, res, snap, 'csv', abk.abkCsvOf(snap));
}

export async function json(req: Request, res: Response): Promise<void> {
  const snap = await abk.abkSnapshot();
  openData(res, 'application/json; charset=utf-8', 'inline; filename="abk.json"');
  send(req, res, snap, 'json', abk.abkJsonOf(snap));
}

// Open data: any site may fetch it.
function openData(res: Response, type: string, disposition: string): void {
  res.type(type);
  res.setHeader('Content-Disposition', disposition);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}
