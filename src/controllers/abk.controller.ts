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

/** The snapshot for this request (already read by the fast path, or now). */
const snapshotOf = async (res: Response): Promise<abk.AbkSnapshot> =>
  (res.locals.abkSnapshot as abk.AbkSnapshot | undefined) ?? abk.abkSnapshot();

/**
 * br if the client accepts it, else gzip, else none, honouring q-values: "br;q=0" refuses br and "*;q=0" refuses
 * what is not named (the bare-word match used to send br to a client that had refused it).
 */
export function preferredEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

// An anonymous visitor's copy is compressed once per snapshot (not per request, as the compression middleware would).
function send(req: Request, res: Response, snap: abk.AbkSnapshot, key: string, body: string): void {
  res.setHeader('Vary', 'Cookie, Accept-Encoding');
  if (req.user || !snap.versi) return void res.send(body);
  res.setHeader('Cache-Control', 'public, no-cache');
  res.setHeader('ETag', `W/"abk-${snap.versi}-${key}"`);
  if (!res.getHeader('Content-Type')) res.type('html');
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  if (!encoding) return void res.send(body);
  if (body.length < 1024) return void res.send(body);
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
  const shared = !req.user && !(res.locals.hasFlash as () => boolean)();
  const hit = shared ? snap.memo.get(key) : undefined;
  if (hit !== undefined) return send(req, res, snap, key, hit);
  res.render(view, { ...helpers, p: snap.params, ...locals }, (err, html) => {
    if (err) return next(err);
    if (shared) snap.memo.set(key, html);
    send(req, res, snap, key, html);
  });
}

export async function index(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await snapshotOf(res);
  renderPublic(req, res, next, snap, 'page:index', 'abk/index', { title: 'Analisis Beban Kerja (ABK)', pemda: snap.pemda });
}

export async function unit(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await snapshotOf(res);
  const view = abk.abkUnit(snap, idParam(req.params.id));
  renderPublic(req, res, next, snap, `page:unit:${view.unit.id}`, 'abk/unit', { title: `ABK ${view.unit.nama}`, ...view });
}

export async function jabatan(req: Request, res: Response, next: NextFunction): Promise<void> {
  const snap = await snapshotOf(res);
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
  const snap = await snapshotOf(res);
  openData(res, CSV_TYPE, CSV_DISPOSITION);
  send(req, res, snap, 'csv', abk.abkCsvOf(snap));
}

export async function json(req: Request, res: Response): Promise<void> {
  const snap = await snapshotOf(res);
  openData(res, JSON_TYPE, JSON_DISPOSITION);
  send(req, res, snap, 'json', abk.abkJsonOf(snap));
}

const CSV_TYPE = 'text/csv; charset=utf-8';
const CSV_DISPOSITION = 'attachment; filename="abk.csv"';
const JSON_TYPE = 'application/json; charset=utf-8';
const JSON_DISPOSITION = 'inline; filename="abk.json"';

// Open data: any site may fetch it.
function openData(res: Response, type: string, disposition: string): void {
  res.type(type);
  res.setHeader('Content-Disposition', disposition);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

const SESSION_COOKIE = /(?:^|;\s*)ekinerja\.sid=/;

/** The memo key of a public URL as written canonically, or null (a simulasi, or anything else). */
function publicKey(req: Request): string | null {
  if (req.path === '/abk') return 'page:index';
  if (req.path === '/abk.csv') return 'csv';
  if (req.path === '/abk.json') return 'json';
  const m = /^\/abk\/(unit|jabatan)\/([1-9]\d{0,9})$/.exec(req.path);
  if (!m || (m[1] === 'jabatan' && Object.keys(req.query).some((k) => /^v\d+$/.test(k)))) return null;
  return `page:${m[1]}:${m[2]}`;
}

/**
 * Mounted before the session middleware: a visitor without a session cookie (a citizen) gets an already rendered
 * page or file straight from the snapshot, without the session, passport and CSRF layers. Anything else (a signed-in
 * user, a page not rendered yet in this snapshot, a simulasi, an error) falls through to the routes.
 */
export async function anonymousFastPath(req: Request, res: Response, next: NextFunction): Promise<void> {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || SESSION_COOKIE.test(req.headers.cookie ?? '')) return next();
  const key = publicKey(req);
  if (!key) return next();
  let snap: abk.AbkSnapshot;
  try {
    snap = await abk.abkSnapshot();
  } catch {
    return next(); // the routes answer with the usual error page
  }
  if (key === 'csv' || key === 'json') {
    openData(res, key === 'csv' ? CSV_TYPE : JSON_TYPE, key === 'csv' ? CSV_DISPOSITION : JSON_DISPOSITION);
    return send(req, res, snap, key, key === 'csv' ? abk.abkCsvOf(snap) : abk.abkJsonOf(snap));
  }
  const hit = snap.memo.get(key);
  if (hit !== undefined) return send(req, res, snap, key, hit);
  res.locals.abkSnapshot = snap; // the route renders it once, without reading the stamp again
  next();
}
