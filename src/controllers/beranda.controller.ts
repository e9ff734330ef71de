import type { Request, Response } from 'express';
import { namaBulan } from '../domain/periode.ts';
import { beranda as berandaData } from '../services/beranda.service.ts';

export function beranda(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const data = await berandaData(req.user!.id, req.now, tz);
    res.render('beranda/index', {
      title: 'Beranda',
      ringkasan: data.ringkasan,
      peringatan: data.peringatan,
      periode: `${namaBulan(data.bulan)} ${data.tahun}`,
    });
  };
}

/** Menu entries whose issues have not landed yet show this page instead of a 404. */
export function belumTersedia(judul: string) {
  return (_req: Request, res: Response): void => res.render('placeholder/index', { title: judul });
}
