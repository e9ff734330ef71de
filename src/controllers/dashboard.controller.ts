import type { Request, Response } from 'express';
import { monthRange, todayIn } from '../domain/periode.ts';
import { formatRupiah } from '../domain/tpp.ts';
import { bulanParam, geserBulan } from '../lib/bulan-param.ts';
import { idParam } from '../lib/id-param.ts';
import { dashboardUnit, entriBulan, tahunPegawai } from '../services/dashboard.service.ts';
import { pegawaiTerjangkau } from '../services/lingkup.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';

// Dashboard pimpinan: unit → pegawai → month → entries. Every step loads through the reader's scope (404 outside).

/** The Pemda's current month (the trend runs to it, marked as in progress). */
function bulanIni(zone: string, now: Date): { tahun: number; bulan: number } {
  const t = todayIn(zone, now);
  return { tahun: Number(t.slice(0, 4)), bulan: Number(t.slice(5, 7)) };
}

export function dashboardController(tz: string) {
  return {
    async unit(req: Request, res: Response): Promise<void> {
      const unitId = req.query.unit === undefined ? null : idParam(req.query.unit);
      const zone = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zone, req.now);
      const data = await dashboardUnit(req.user!, unitId, tahun, bulan, await getSettings(), bulanIni(zone, req.now));
      res.render('dashboard/index', {
        title: 'Dashboard Pimpinan',
        ...data,
        tz: zone,
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
      const zone = await timezone(tz);
      const { tahun } = bulanParam(req.query.bulan, zone, req.now);
      const bulanan = await tahunPegawai(pegawai.id, tahun, await getSettings(), bulanIni(zone, req.now));
      res.render('dashboard/pegawai', { title: pegawai.nama, pegawai, tahun, bulanan, formatRupiah });
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
