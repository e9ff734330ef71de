import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { AppError } from '../../lib/errors.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { queryPage } from '../../lib/id-param.ts';
import { logger } from '../../lib/logger.ts';
import { auditContext } from '../../services/audit.service.ts';
import { getSettings, timezone } from '../../services/settings.service.ts';
import { kirimSiasnSchema, periodeSiasnSchema, tahunSiasnSchema } from './siasn.schema.ts';
import * as siasn from './siasn.service.ts';
import { adapterSiasn, konfigurasiSiasn } from './siasn-adapter.ts';
import { laporanPenilaianExcel } from './siasn-excel.ts';
import { siasnCsv, siasnJson } from './siasn-format.ts';

const namaFile = (p: siasn.Periode) => `siasn-kinerja-${p.tahun}-${p.bulan === null ? 'tahunan' : String(p.bulan).padStart(2, '0')}`;
const tautan = (p: siasn.Periode) => `tahun=${p.tahun}&bulan=${p.bulan ?? 'tahunan'}`;

/** Admin → SIASN (issue 19 §3): the period's files for the national system and "Kirim ke SIASN". */
export function siasnController(env: Env) {
  const konfig = konfigurasiSiasn(env);

  /** The month to report by default: the last one that has ended. */
  const bawaan = async (req: Request): Promise<siasn.Periode> => {
    const [y, m] = todayIn(await timezone(env.APP_TIMEZONE), req.now)
      .split('-')
      .map(Number);
    return m === 1 ? { tahun: y - 1, bulan: 12 } : { tahun: y, bulan: m - 1 };
  };

  async function render(req: Request, res: Response, status: number, p: siasn.Periode, extra: object = {}) {
    const [data, tz] = await Promise.all([siasn.halamanSiasn(p, queryPage(req.query.halaman)), timezone(env.APP_TIMEZONE)]);
    res.status(status).render('skp/siasn/index', {
      title: 'Ekspor SIASN',
      p,
      tautan: tautan(p),
      data,
      halaman: queryPage(req.query.halaman),
      perHalaman: siasn.PER_HALAMAN,
      terkonfigurasi: konfig !== null,
      idempotencyKey: randomUUID(),
      tz,
      errors: {},
      values: { tahun: String(p.tahun), bulan: String(p.bulan ?? 'tahunan') },
      ...extra,
    });
  }

  /** The period of a GET, or a 422 page with the message next to the period's fields. */
  async function periodeDari(req: Request, res: Response): Promise<siasn.Periode | null> {
    const d = await bawaan(req);
    const parsed = periodeSiasnSchema.safeParse(req.query);
    if (!parsed.success) {
      await render(req, res, 422, d, { errors: fieldErrors(parsed.error), values: typedValues(req.query) });
      return null;
    }
    return { tahun: parsed.data.tahun ?? d.tahun, bulan: parsed.data.bulan === undefined ? d.bulan : parsed.data.bulan };
  }

  return {
    /** GET /admin/siasn?tahun=&bulan= */
    async index(req: Request, res: Response) {
      const p = await periodeDari(req, res);
      if (p) await render(req, res, 200, p);
    },

    /** GET /admin/siasn/kinerja.csv?tahun=&bulan= */
    async csv(req: Request, res: Response) {
      const p = await periodeDari(req, res);
      if (!p) return;
      res.type('text/csv; charset=utf-8').attachment(`${namaFile(p)}.csv`);
      res.send(siasnCsv(await siasn.recordsPeriode(p)));
    },

    /** GET /admin/siasn/kinerja.json?tahun=&bulan= */
    async json(req: Request, res: Response) {
      const p = await periodeDari(req, res);
      if (!p) return;
      res.type('application/json; charset=utf-8').attachment(`${namaFile(p)}.json`);
      res.send(siasnJson(await siasn.recordsPeriode(p)));
    },

    /** GET /admin/siasn/laporan.xlsx?tahun= — "Laporan Penilaian SKP": a sheet per month and one for the year. */
    async xlsx(req: Request, res: Response) {
      const d = await bawaan(req);
      const parsed = tahunSiasnSchema.safeParse(req.query);
      if (!parsed.success) return render(req, res, 422, d, { errors: fieldErrors(parsed.error), values: typedValues(req.query) });
      const tahun = parsed.data.tahun ?? d.tahun;
      const [rows, settings] = await Promise.all([siasn.recordsTahun(tahun), getSettings()]);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.attachment(`laporan-penilaian-skp-${tahun}.xlsx`);
      await laporanPenilaianExcel(res, { namaPemda: settings.namaPemda, tahun, rows });
    },

    /** POST /admin/siasn/kirim — starts the period's send in the background and comes back to its page. */
    async kirim(req: Request, res: Response) {
      const parsed = kirimSiasnSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const d = await bawaan(req);
        return render(req, res, 422, d, { kirimErrors: fieldErrors(parsed.error), values: typedValues(req.body) });
      }
      const { tahun, bulan, idempotencyKey, paksa } = parsed.data;
      const p = { tahun, bulan };
      if (!konfig) throw new AppError('Pengiriman ke SIASN belum dikonfigurasi (SIASN_API_URL dan kawan-kawannya). Unduh berkasnya.', 409);
      const who = auditContext(req);
      const m = await siasn.mulaiKirim(p, idempotencyKey, paksa === '1', { ...who, actorId: req.user!.id });
      if ('berjalan' in m) req.flash('warning', 'Pengiriman periode ini masih berjalan. Tunggu sampai selesai, lalu muat ulang halaman.');
      else {
        if (m.baru) {
          siasn.jalankanKirim(m.id, adapterSiasn(konfig), paksa === '1', who).catch((err) => logger.error({ err }, 'pengiriman SIASN'));
        }
        req.flash('success', 'Pengiriman ke SIASN dimulai. Hasil per pegawai tampil di halaman ini.');
      }
      res.redirect(303, `/admin/siasn?${tautan(p)}`);
    },
  };
}
