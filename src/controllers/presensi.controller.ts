import type { Request, Response } from 'express';
import { formatRupiah } from '../domain/tpp.ts';
import { bulanParam, geserBulan } from '../lib/bulan-param.ts';
import { idParam } from '../lib/id-param.ts';
import { bawahanLangsung, pegawaiTerjangkau } from '../services/lingkup.service.ts';
import { kalenderBulan } from '../services/presensi.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import { tppPegawai } from '../services/tpp.service.ts';

// The pegawai's own presensi calendar and TPP breakdown; the same pages for a subordinate (atasan), a pegawai of the
// unit subtree (pimpinan) or anyone (admin) under /…/pegawai/:id, loaded through the reader's scope (else 404).

async function target(req: Request) {
  const id = req.params.id ? idParam(req.params.id) : req.user!.id;
  return pegawaiTerjangkau(req.user!, id);
}

export function presensiController(tz: string) {
  return {
    async show(req: Request, res: Response): Promise<void> {
      const pegawai = await target(req);
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const settings = await getSettings();
      const [kalender, bawahan] = await Promise.all([
        kalenderBulan(pegawai.id, tahun, bulan, settings.jamKerja),
        pegawai.id === req.user!.id && req.user!.jumlahBawahan > 0 ? bawahanLangsung(req.user!.id) : Promise.resolve([]),
      ]);
      res.render('presensi/show', {
        title: 'Presensi',
        pegawai,
        sendiri: pegawai.id === req.user!.id,
        tahun,
        bulan,
        kalender,
        bawahan,
        sebelum: geserBulan(tahun, bulan, -1),
        sesudah: geserBulan(tahun, bulan, 1),
      });
    },
  };
}

export function tppController(tz: string) {
  return {
    async show(req: Request, res: Response): Promise<void> {
      const pegawai = await target(req);
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const settings = await getSettings();
      const [tpp, bawahan] = await Promise.all([
        tppPegawai(pegawai, tahun, bulan, settings),
        pegawai.id === req.user!.id && req.user!.jumlahBawahan > 0 ? bawahanLangsung(req.user!.id) : Promise.resolve([]),
      ]);
      res.render('tpp/show', {
        title: 'Capaian & TPP',
        pegawai,
        sendiri: pegawai.id === req.user!.id,
        tahun,
        bulan,
        tpp,
        settings,
        bawahan,
        formatRupiah,
        sebelum: geserBulan(tahun, bulan, -1),
        sesudah: geserBulan(tahun, bulan, 1),
      });
    },
  };
}
