import { prisma } from '../db/prisma.ts';
import type { StatusPtkp } from '../domain/aturan-tpp.ts';
import { bacaGaji, bacaPtkp } from '../domain/gaji.ts';
import { type ImportError, readCsv } from '../lib/csv.ts';
import { type AuditEntry, audit } from './audit.service.ts';

// Gaji and status PTKP of many pegawai at once (issue 22, bruto → neto of TPP): the CSV `nip,gaji,status_ptkp` the gaji
// payroll can export, on the admin's TPP page. All or nothing, with errors by row and column; an empty cell leaves that
// value as it is; a changed value is written in one set-based UPDATE and audited before → after. A changed pegawai's
// months are recomputed (trigger pegawai_gaji_bulan_upd).
// The pegawai import takes the same two columns (optional, the same rules: src/domain/gaji.ts); this file stays for the
// monthly round: the gaji changes with every KGB, kenaikan pangkat and family change, and the payroll's export of three
// columns needs none of the pegawai file's unit, jabatan, atasan and peran (nor can it move them by mistake).

type Who = Pick<AuditEntry, 'actorId' | 'ip' | 'requestId'>;
export const KOLOM_GAJI = ['nip', 'gaji', 'status_ptkp'] as const;
export const TEMPLAT_GAJI = '\uFEFFnip;gaji;status_ptkp\r\n199203102019032001;4500000;K/1\r\n';

export async function imporGajiCsv(text: string, who: Who): Promise<{ errors: ImportError[]; baris: number; diubah: number }> {
  const csv = readCsv(text, KOLOM_GAJI);
  if (csv.errors.length) return { errors: csv.errors, baris: 0, diubah: 0 };
  const errors: ImportError[] = [];
  const rows: { baris: number; nip: string; gaji: number | null; ptkp: StatusPtkp | null }[] = [];
  const seen = new Map<string, number>();
  for (const r of csv.rows) {
    const nip = r.values.nip;
    const gaji = bacaGaji(r.values.gaji);
    const ptkp = bacaPtkp(r.values.status_ptkp);
    if (!/^\d{18}$/.test(nip)) errors.push({ baris: r.baris, kolom: 'nip', pesan: 'NIP terdiri dari 18 digit angka.' });
    else if (seen.has(nip)) errors.push({ baris: r.baris, kolom: 'nip', pesan: `NIP ini sudah ada di baris ${seen.get(nip)}.` });
    seen.set(nip, r.baris);
    if ('salah' in gaji) errors.push({ baris: r.baris, kolom: 'gaji', pesan: gaji.salah });
    if ('salah' in ptkp) errors.push({ baris: r.baris, kolom: 'status_ptkp', pesan: ptkp.salah });
    rows.push({ baris: r.baris, nip, gaji: 'nilai' in gaji ? gaji.nilai : null, ptkp: 'nilai' in ptkp ? ptkp.nilai : null });
  }
  if (errors.length) return { errors, baris: 0, diubah: 0 };
  return prisma.$transaction(async (tx) => {
    const ada = await tx.pegawai.findMany({
      where: { nip: { in: rows.map((r) => r.nip) } },
      select: { id: true, nip: true, gaji: true, statusPtkp: true },
    });
    const byNip = new Map(ada.map((p) => [p.nip, p]));
    const salah = rows
      .filter((r) => !byNip.has(r.nip))
      .map((r) => ({ baris: r.baris, kolom: 'nip', pesan: 'Tidak ada pegawai dengan NIP ini.' }));
    if (salah.length) return { errors: salah, baris: 0, diubah: 0 };
    const ubah = rows
      .map((r) => {
        const p = byNip.get(r.nip)!;
        return { p, gaji: r.gaji ?? p.gaji, statusPtkp: r.ptkp ?? p.statusPtkp };
      })
      .filter((u) => u.gaji !== u.p.gaji || u.statusPtkp !== u.p.statusPtkp);
    if (ubah.length) {
      await tx.$executeRaw`
        UPDATE pegawai AS p SET gaji = v.gaji, status_ptkp = v.status_ptkp, updated_at = now()
        FROM unnest(${ubah.map((u) => u.p.id)}::int[], ${ubah.map((u) => u.gaji)}::int[], ${ubah.map((u) => u.statusPtkp)}::text[])
          AS v(id, gaji, status_ptkp)
        WHERE p.id = v.id`;
      await audit(
        tx,
        ubah.map((u) => ({
          ...who,
          action: 'pegawai.gaji-impor',
          objectType: 'pegawai',
          objectId: u.p.id,
          before: { gaji: u.p.gaji, statusPtkp: u.p.statusPtkp },
          after: { gaji: u.gaji, statusPtkp: u.statusPtkp },
        })),
      );
    }
    return { errors: [], baris: rows.length, diubah: ubah.length };
  });
}
