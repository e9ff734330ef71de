import type { Request, Response } from 'express';
import { LABEL_PEMICU, LABEL_SKP } from '../domain/aturan-tpp.ts';
import { monthRange } from '../domain/periode.ts';
import { labelRapel } from '../domain/rapel.ts';
import { rekeningUntuk } from '../domain/rekening.ts';
import { formatRupiah, labelPotongan } from '../domain/tpp.ts';
import { bulanParam, geserBulan } from '../lib/bulan-param.ts';
import { idParam } from '../lib/id-param.ts';
import { bawahanLangsung, pegawaiTerjangkau } from '../services/lingkup.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import { tppPegawai } from '../services/tpp.service.ts';

// The pegawai's own presensi calendar and TPP breakdown; the same pages for a subordinate (atasan), a pegawai of the
// unit subtree (pimpinan) or anyone (admin) under /…/pegawai/:id, loaded through the reader's scope (else 404).

/** The pegawai of the page, through the reader's scope for that month (an earlier atasan keeps the months they supervised). */
async function target(req: Request, tahun: number, bulan: number) {
  const id = req.params.id ? idParam(req.params.id) : req.user!.id;
  return pegawaiTerjangkau(req.user!, id, monthRange(tahun, bulan));
}

export function presensiController(tz: string) {
  return {
    async show(req: Request, res: Response): Promise<void> {
      const zona = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zona, req.now);
      const pegawai = await target(req, tahun, bulan);
      const settings = await getSettings();
      // the calendar of the one computation of the month: frozen once ditetapkan, like the TPP it gives
      const [bulanTpp, bawahan] = await Promise.all([
        tppPegawai(pegawai, tahun, bulan, settings),
        pegawai.id === req.user!.id && req.user!.jumlahBawahan > 0 ? bawahanLangsung(req.user!.id) : Promise.resolve([]),
      ]);
      res.render('presensi/show', {
        title: 'Presensi',
        pegawai,
        sendiri: pegawai.id === req.user!.id,
        tz: zona,
        tahun,
        bulan,
        kalender: bulanTpp.presensi,
        bulanTpp,
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
      const zona = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zona, req.now);
      const pegawai = await target(req, tahun, bulan);
      const settings = await getSettings();
      const [tpp, bawahan] = await Promise.all([
        tppPegawai(pegawai, tahun, bulan, settings),
        pegawai.id === req.user!.id && req.user!.jumlahBawahan > 0 ? bawahanLangsung(req.user!.id) : Promise.resolve([]),
      ]);
      res.render('tpp/show', {
        title: 'Capaian & TPP',
        pegawai,
        sendiri: pegawai.id === req.user!.id,
        rekening: rekeningUntuk(req.user!, pegawai),
        tz: zona,
        tahun,
        bulan,
        tpp,
        settings,
        bawahan,
        formatRupiah,
        labelPotongan,
        labelPemicu: LABEL_PEMICU,
        labelSkp: LABEL_SKP,
        labelRapel,
        sebelum: geserBulan(tahun, bulan, -1),
        sesudah: geserBulan(tahun, bulan, 1),
      });
    },
  };
}
