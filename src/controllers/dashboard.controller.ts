import type { Request, Response } from 'express';
import { monthRange } from '../domain/periode.ts';
import { formatRupiah } from '../domain/tpp.ts';
import { bulanParam, geserBulan } from '../lib/bulan-param.ts';
import { idParam } from '../lib/id-param.ts';
import { dashboardUnit, entriBulan, tahunPegawai } from '../services/dashboard.service.ts';
import { pegawaiTerjangkau } from '../services/lingkup.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';

// Dashboard pimpinan: unit → pegawai → month → entries. Every step loads through the reader's scope (404 outside).

export function dashboardController(tz: string) {
  return {
    async unit(req: Request, res: Response): Promise<void> {
      const unitId = req.query.unit === undefined ? null : idParam(req.query.unit);
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const data = await dashboardUnit(req.user!, unitId, tahun, bulan, await getSettings());
      res.render('dashboard/index', {
        title: 'Dashboard Pimpinan',
        ...data,
        tahun,
        bulan,
        bl: `${tahun}-${String(bulan).padStart(2, '0')}`,
        sebelum: geserBulan(tahun, bulan, -1),
        sesudah: geserBulan(tahun, bulan, 1),
        formatRupiah,
      });
    },

    async pegawai(req: Request, res: Response): Promise<void> {
      const pegawai = await pegawaiTerjangkau(req.user!, idParam(req.params.id));
      const { tahun } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      res.render('dashboard/pegawai', { title: pegawai.nama, pegawai, tahun, bulanan: await tahunPegawai(pegawai.id, tahun) });
    },

    async entri(req: Request, res: Response): Promise<void> {
      const pegawai = await pegawaiTerjangkau(req.user!, idParam(req.params.id));
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const { awal, akhir } = monthRange(tahun, bulan);
      res.render('dashboard/entri', {
        title: `Entri ${pegawai.nama}`,
        pegawai,
        tahun,
        bulan,
        entri: await entriBulan(pegawai.id, awal, akhir),
      });
    },
  };
}
