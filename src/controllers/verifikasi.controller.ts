import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { namaBulan, todayIn } from '../domain/periode.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam, queryId, queryPage } from '../lib/id-param.ts';
import { auditContext } from '../services/audit.service.ts';
import { timezone } from '../services/settings.service.ts';
import * as verifikasi from '../services/verifikasi.service.ts';
import { batalVerifikasiSchema, kembalikanSchema, verifikasiSchema } from '../validation/verifikasi.schema.ts';

const idOf = (req: Request) => idParam(req.params.id);

const actorOf = (req: Request): verifikasi.Verifikator => {
  const { ip, requestId } = auditContext(req);
  return { id: req.user!.id, isAdmin: req.user!.isAdmin, now: req.now, audit: { ip, requestId } };
};

/**
 * Back to the queue with the same filters: only the queue's own path and query string, nothing else. The value
 * travels through a link and a hidden field, so it is attacker-controlled (it was an open redirect and, as the
 * Batal link's href, a `javascript:` URL).
 */
export const kembaliAman = (v: unknown): string =>
  typeof v === 'string' && /^\/verifikasi(\?[\w=&%.+-]*)?$/.test(v) && v.length <= 500 ? v : '/verifikasi';
const kembaliKe = (req: Request) => kembaliAman(req.body?.kembali);

export function verifikasiController(env: Env) {
  return {
    /** GET /verifikasi — the direct subordinates' entries waiting for verification. */
    async index(req: Request, res: Response) {
      const today = todayIn(await timezone(env.APP_TIMEZONE), req.now);
      const q = req.query;
      // An admin may open the queue of any atasan (acting on their behalf); everyone else sees their own.
      const atasanQ = queryId(q.atasan);
      const atasanId = req.user!.isAdmin && atasanQ ? atasanQ : req.user!.id;
      if (atasanId === req.user!.id && req.user!.jumlahBawahan === 0 && !req.user!.isAdmin) {
        throw new ForbiddenError('Menu Verifikasi hanya untuk pegawai yang memiliki bawahan langsung.');
      }
      const bulanQ = typeof q.bulan === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(q.bulan) ? q.bulan : '';
      const bulan = bulanQ ? { tahun: Number(bulanQ.slice(0, 4)), bulan: Number(bulanQ.slice(5, 7)) } : undefined;
      const status = q.status === '1' ? 1 : q.status === 'semua' ? 'semua' : 0;
      const pegawaiId = queryId(q.pegawai);
      const halaman = queryPage(q.halaman);
      const ringkas = bulan ?? { tahun: Number(today.slice(0, 4)), bulan: Number(today.slice(5, 7)) };
      const data = await verifikasi.antrian({ atasanId, bulan, pegawaiId, status, halaman }, ringkas);
      const filter = {
        bulan: bulanQ,
        status: String(status),
        pegawai: pegawaiId ? String(pegawaiId) : '',
        atasan: atasanId !== req.user!.id ? String(atasanId) : '',
      };
      const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
      res.render('verifikasi/index', {
        title: 'Verifikasi',
        ...data,
        filter,
        kembali: `/verifikasi${query ? `?${query}` : ''}`,
        query,
        bulanRingkas: `${namaBulan(ringkas.bulan)} ${ringkas.tahun}`,
        atasanLain: atasanId !== req.user!.id,
        tz: await timezone(env.APP_TIMEZONE),
      });
    },

    /** POST /verifikasi — one entry ("Verifikasi") or many ("Verifikasi terpilih"), in one transaction. */
    async verifikasi(req: Request, res: Response) {
      const parsed = verifikasiSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        req.flash('danger', parsed.error.issues[0].message);
        return res.redirect(303, kembaliKe(req));
      }
      if (parsed.data.length === 0) {
        req.flash('warning', 'Belum ada realisasi yang dipilih.');
        return res.redirect(303, kembaliKe(req));
      }
      const r = await verifikasi.verifikasi(actorOf(req), parsed.data);
      if (r.diverifikasi > 0) req.flash('success', `${r.diverifikasi} realisasi diverifikasi.`);
      if (r.sudah > 0) req.flash('info', `${r.sudah} realisasi sudah diverifikasi sebelumnya.`);
      if (r.berubah > 0)
        req.flash('warning', `${r.berubah} realisasi diubah pegawai setelah halaman ini dibuka: periksa lagi sebelum memverifikasi.`);
      res.redirect(303, kembaliKe(req));
    },

    /** GET /verifikasi/:id/kembalikan — the form for the note. */
    async formKembalikan(req: Request, res: Response) {
      const entri = await verifikasi.entriUntukAtasan(actorOf(req), idOf(req));
      res.render('verifikasi/kembalikan', {
        title: 'Kembalikan Realisasi',
        entri,
        values: { versi: entri.updatedAt.toISOString(), kembali: kembaliAman(req.query.kembali) },
        errors: {},
      });
    },

    async kembalikan(req: Request, res: Response) {
      const id = idOf(req);
      const parsed = kembalikanSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const entri = await verifikasi.entriUntukAtasan(actorOf(req), id);
        return res.status(422).render('verifikasi/kembalikan', {
          title: 'Kembalikan Realisasi',
          entri,
          values: { ...typedValues(req.body), kembali: kembaliKe(req) },
          errors: fieldErrors(parsed.error),
        });
      }
      const hasil = await verifikasi.kembalikan(actorOf(req), { id, versi: parsed.data.versi }, parsed.data.catatan);
      const pesan = {
        dikembalikan: ['success', 'Realisasi dikembalikan kepada pegawai dengan catatan.'],
        'sudah-diverifikasi': ['info', 'Realisasi ini sudah diverifikasi; tidak dikembalikan.'],
        berubah: ['warning', 'Realisasi ini diubah pegawai setelah halaman dibuka: periksa lagi.'],
      } as const;
      req.flash(pesan[hasil][0], pesan[hasil][1]);
      res.redirect(303, kembaliKe(req));
    },

    /** GET/POST /verifikasi/:id/batal — admin only, with a reason. */
    async formBatal(req: Request, res: Response) {
      const entri = await verifikasi.entriUntukAtasan(actorOf(req), idOf(req));
      res.render('verifikasi/batal', { title: 'Batalkan Verifikasi', entri, values: {}, errors: {} });
    },

    async batal(req: Request, res: Response) {
      const id = idOf(req);
      const parsed = batalVerifikasiSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const entri = await verifikasi.entriUntukAtasan(actorOf(req), id);
        return res.status(422).render('verifikasi/batal', {
          title: 'Batalkan Verifikasi',
          entri,
          values: typedValues(req.body),
          errors: fieldErrors(parsed.error),
        });
      }
      const done = await verifikasi.batalkanVerifikasi(actorOf(req), id, parsed.data.alasan);
      req.flash(
        done ? 'success' : 'info',
        done ? 'Verifikasi dibatalkan; realisasi kembali berstatus belum diverifikasi.' : 'Realisasi ini belum diverifikasi.',
      );
      res.redirect(303, '/verifikasi?status=semua');
    },
  };
}
