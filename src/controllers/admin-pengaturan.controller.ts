import type { Request, Response } from 'express';
import type { Settings } from '../domain/settings.ts';
import { KURVA_FORM, kurvaKeForm } from '../features/skp/kurva.schema.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { saveSettings } from '../services/admin-pengaturan.service.ts';
import { unitIndukUtama } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { getSettings } from '../services/settings.service.ts';
import { HARI, pengaturanFormSchema } from '../validation/admin-pengaturan.schema.ts';

/** Settings → the flat strings of the form. */
function toForm(s: Settings): Record<string, string> {
  const out: Record<string, string> = {
    namaPemda: s.namaPemda,
    zonaWaktu: s.zonaWaktu ?? '',
    batasInputHari: String(s.batasInputHari),
    tutupBulanHari: String(s.tutupBulanHari),
    koreksiKembaliHari: String(s.koreksiKembaliHari),
    realisasiHariLibur: s.realisasiHariLibur,
    menitHarianPeringatan: String(s.menitHarianPeringatan),
    targetWajibDisetujui: s.targetWajibDisetujui ? 'ya' : 'tidak',
    rencanaTahunDepanBulan: String(s.rencanaTahunDepanBulan),
    wkeMenitPerTahun: String(s.wkeMenitPerTahun),
    pembulatanKebutuhan: s.pembulatanKebutuhan,
    menitEfektifBulanan: String(s.menitEfektifBulanan),
    tppPorsiKinerja: String(s.tppPorsiKinerja),
    tppPorsiDisiplin: String(s.tppPorsiDisiplin),
    pejabatPuncak: s.pejabatPuncak.map((p) => `${p.unitId} = ${p.nip}`).join('\n'),
    tppDasarCapaian: s.tppDasarCapaian,
    tppPenetapanHari: String(s.tppPenetapanHari),
    tppMutasi: s.tppMutasi,
    tppPltSetaraPersen: String(s.tppPltSetaraPersen),
    tppPlhPersen: String(s.tppPlhPersen),
    ...kurvaKeForm(s),
  };
  for (const [k, v] of Object.entries(s.pjBatas)) out[`pjBatas.${k}`] = String(v);
  for (const [k, v] of Object.entries(s.tppPotongan)) out[`tppPotongan.${k}`] = String(v);
  for (const h of HARI) {
    out[`jamKerja.${h}.masuk`] = s.jamKerja[h]?.masuk ?? '';
    out[`jamKerja.${h}.pulang`] = s.jamKerja[h]?.pulang ?? '';
  }
  return out;
}

const render = async (res: Response, status: number, values: Record<string, string>, errors: Record<string, string> = {}) =>
  res.status(status).render('admin/pengaturan', {
    title: 'Pengaturan',
    values,
    errors,
    hari: HARI,
    unitInduk: await unitIndukUtama(),
    KURVA_FORM,
  });

export async function show(_req: Request, res: Response): Promise<void> {
  await render(res, 200, toForm(await getSettings()));
}

export async function save(req: Request, res: Response): Promise<void> {
  const parsed = pengaturanFormSchema.safeParse(req.body ?? {});
  if (!parsed.success) return void (await render(res, 422, typedValues(req.body), fieldErrors(parsed.error)));
  const changed = await saveSettings(parsed.data, auditContext(req));
  req.flash('success', changed.length ? `Pengaturan tersimpan (${changed.length} diubah).` : 'Tidak ada pengaturan yang berubah.');
  res.redirect(303, '/admin/pengaturan');
}
