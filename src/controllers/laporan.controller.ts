import type { Request, Response } from 'express';
import { monthRange } from '../domain/periode.ts';
import { bulanParam } from '../lib/bulan-param.ts';
import { formatWaktu } from '../lib/format.ts';
import { idParam } from '../lib/id-param.ts';
import { rekapUnitExcel } from '../lib/laporan-excel.ts';
import { laporanPdf } from '../lib/laporan-pdf.ts';
import { bolehBukaDashboard } from '../policies/pimpinan.policy.ts';
import { unitTerjangkau } from '../services/dashboard.service.ts';
import { laporanPegawai, rekapUnit } from '../services/laporan.service.ts';
import { bawahanLangsung, pegawaiTerjangkau } from '../services/lingkup.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';

const bl = (tahun: number, bulan: number) => `${tahun}-${String(bulan).padStart(2, '0')}`;

export function laporanController(tz: string) {
  return {
    /** GET /laporan: one's own PDF, the subordinates' PDFs, and (pimpinan, admin) the Rekap Unit workbook. */
    async index(req: Request, res: Response): Promise<void> {
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const user = req.user!;
      const [bawahan, unit] = await Promise.all([
        bawahanLangsung(user.id),
        bolehBukaDashboard(user) ? unitTerjangkau(user, req.query.unit === undefined ? null : idParam(req.query.unit)) : null,
      ]);
      res.render('laporan/index', { title: 'Laporan', tahun, bulan, bl: bl(tahun, bulan), bawahan, unit });
    },

    /** GET /laporan/pegawai/:id.pdf — Laporan Kinerja Bulanan (same scope as the data: else 404). */
    async pdf(req: Request, res: Response): Promise<void> {
      const zona = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zona, req.now);
      // through the history of that month: the atasan who supervised it keeps its report after a mutasi
      const pegawai = await pegawaiTerjangkau(req.user!, idParam(req.params.id), monthRange(tahun, bulan));
      const pdf = await laporanPdf({ ...(await laporanPegawai(pegawai, tahun, bulan, await getSettings())), zona });
      res
        .type('application/pdf')
        .attachment(`laporan-kinerja-${pegawai.nip}-${bl(tahun, bulan)}.pdf`)
        .send(pdf);
    },

    /** GET /laporan/unit/:id.xlsx — Rekap Unit, streamed (pimpinan: own subtree; admin: any unit). */
    async excel(req: Request, res: Response): Promise<void> {
      const zona = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zona, req.now);
      const data = await rekapUnit(req.user!, idParam(req.params.id), tahun, bulan, await getSettings());
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.attachment(`rekap-unit-${data.unit.id}-${bl(tahun, bulan)}.xlsx`);
      const catatan = data.ditetapkanAt
        ? `TPP ditetapkan pada ${formatWaktu(data.ditetapkanAt, zona)}: angka bulan ini tidak lagi berubah.`
        : null;
      await rekapUnitExcel(res, { namaPemda: data.namaPemda, unit: data.unit.nama, tahun, bulan, rows: data.rows, catatan });
    },
  };
}
