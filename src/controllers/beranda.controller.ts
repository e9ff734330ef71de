import type { Request, Response } from 'express';
import { monthRange, namaBulan, todayIn } from '../domain/periode.ts';
import { ringkasan } from '../services/beranda.service.ts';
import { timezone } from '../services/settings.service.ts';
import { peringatanBeranda } from '../services/verifikasi.service.ts';

export function beranda(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const today = todayIn(await timezone(tz), req.now);
    const [tahun, bulan] = today.split('-').map(Number);
    const { awal, akhir } = monthRange(tahun, bulan);
    const [data, peringatan] = await Promise.all([
      ringkasan(req.user!.id, tahun, bulan, awal, akhir),
      peringatanBeranda(req.user!.id, req.now, tz),
    ]);
    res.render('beranda/index', { title: 'Beranda', ringkasan: data, peringatan, periode: `${namaBulan(bulan)} ${tahun}` });
  };
}

/** Menu entries whose issues have not landed yet show this page instead of a 404. */
export function belumTersedia(judul: string) {
  return (_req: Request, res: Response): void => res.render('placeholder/index', { title: judul });
}
