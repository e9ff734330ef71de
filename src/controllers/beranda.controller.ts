import type { Request, Response } from 'express';
import { monthRange, namaBulan, todayIn } from '../domain/periode.ts';
import { ringkasan } from '../services/beranda.service.ts';

export function beranda(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const today = todayIn(tz);
    const [tahun, bulan] = today.split('-').map(Number);
    const { awal, akhir } = monthRange(tahun, bulan);
    const data = await ringkasan(req.user!.id, tahun, bulan, awal, akhir);
    res.render('beranda/index', { title: 'Beranda', ringkasan: data, periode: `${namaBulan(bulan)} ${tahun}` });
  };
}

/** Menu entries whose issues have not landed yet show this page instead of a 404. */
export function belumTersedia(judul: string) {
  return (_req: Request, res: Response): void => res.render('placeholder/index', { title: judul });
}
