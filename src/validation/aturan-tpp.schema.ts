import { z } from 'zod';
import { type AturanTpp, aturanTppSchema, KUNCI_SKP, PEMICU, type VersiAturan } from '../domain/aturan-tpp.ts';
import { CONTROL_LINE, parseAngka } from './common.ts';

// The Aturan TPP form (issue 22) posts flat strings: "komponen.kinerja", "potongan.3.pemicu", "pph21.ter.A" (a TER table
// as lines "upper bound;rate"). This turns them into the rule set and validates it with the domain's own schema
// (src/domain/aturan-tpp.ts); every message lands next to the field it is about, with the row the admin typed it on.

/** Rows of the form: one per possible trigger, and a few THR / gaji ke-13 lines. */
export const BARIS_POTONGAN = PEMICU.length;
export const BARIS_TAMBAHAN = 4;

const koma = (n: number) => String(n).replace('.', ',');

/** A percentage or number as typed ("0,5", "1.5"), or NaN with the message to show. */
function angka(v: string): number {
  const n = parseAngka(v);
  return typeof n === 'number' ? n : Number.NaN;
}
/** Rupiah as typed ("12.000.000", "12000000"): an integer, or NaN. */
const rupiah = (v: string) => (/^\d{1,13}$/.test(v.replace(/[.\s]/g, '')) ? Number(v.replace(/[.\s]/g, '')) : Number.NaN);

/** One TER table from its textarea: "5400000;0" per line, the last "-;34". */
function bacaTer(teks: string): { rows: { sampai: number | null; tarif: number }[]; salah: string | null } {
  const rows: { sampai: number | null; tarif: number }[] = [];
  const lines = teks.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const [a, b, ...lain] = line.split(/\s*[;\t]\s*/);
    const sampai = /^(-|–|lebih|tanpa batas)?$/i.test(a ?? '') ? null : rupiah(a ?? '');
    const tarif = angka(b ?? '');
    if (lain.length || Number.isNaN(sampai as number) || Number.isNaN(tarif))
      return { rows, salah: `Baris ${i + 1}: tulis batas atas dan tarif dipisah titik koma, mis. 5400000;0,25 (baris terakhir -;34).` };
    rows.push({ sampai, tarif });
  }
  return { rows, salah: null };
}

const teksField = z.preprocess((v) => (typeof v === 'string' ? v : v == null ? '' : Symbol()), z.string({ error: 'Isian tidak valid.' }));
const fields: Record<string, typeof teksField> = {};
for (const k of [
  'nama',
  'dasarHukum',
  'dariVersi',
  'komponen.kinerja',
  'komponen.skp',
  'komponen.kehadiran',
  ...KUNCI_SKP.map((k) => `nilaiSkp.${k}`),
  ...Array.from({ length: BARIS_POTONGAN }, (_, i) => ['pemicu', 'persen', 'dari', 'batas'].map((f) => `potongan.${i}.${f}`)).flat(),
  ...Array.from({ length: BARIS_TAMBAHAN }, (_, i) => ['nama', 'bulan', 'persen', 'dasar'].map((f) => `tambahan.${i}.${f}`)).flat(),
  'hukdis.berlaku',
  'penundaan.akibat',
  'pembulatan.ke',
  'pembulatan.cara',
  'bpjs.pegawai',
  'bpjs.pemda',
  'bpjs.batas',
  'pph21.metode',
  'pph21.ter.A',
  'pph21.ter.B',
  'pph21.ter.C',
])
  fields[k] = teksField;

export type AturanFormInput = { nama: string; dasarHukum: string | null; dariVersi: number; isi: AturanTpp };

export const aturanFormSchema = z.object(fields).transform((raw, ctx): AturanFormInput => {
  const f = (k: string) => (raw[k] ?? '').trim();
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const nama = f('nama');
  if (nama === '') issue('nama', 'Nama aturan wajib diisi, mis. Perbup 12/2026 tentang TPP.');
  else if (nama.length > 150) issue('nama', 'Nama aturan paling banyak 150 karakter.');
  const dasarHukum = f('dasarHukum');
  if (dasarHukum.length > 200) issue('dasarHukum', 'Dasar hukum paling banyak 200 karakter.');
  for (const k of ['nama', 'dasarHukum']) if (CONTROL_LINE.test(f(k))) issue(k, 'Berisi karakter yang tidak diizinkan.');
  const dariVersi = /^\d{1,6}$/.test(f('dariVersi')) ? Number(f('dariVersi')) : Number.NaN;
  if (Number.isNaN(dariVersi)) issue('_form', 'Formulir tidak lengkap. Muat ulang halaman.');

  // Rows the admin left empty are dropped; the form index of each kept row names its fields in the messages.
  const potonganRows: number[] = [];
  const potongan = [];
  for (let i = 0; i < BARIS_POTONGAN; i++) {
    const [pemicu, persen, dari, batas] = ['pemicu', 'persen', 'dari', 'batas'].map((x) => f(`potongan.${i}.${x}`));
    if (pemicu === '' && persen === '' && batas === '') continue;
    if (pemicu === '') issue(`potongan.${i}.pemicu`, 'Pilih pemicu potongan ini, atau kosongkan barisnya.');
    if (persen === '') issue(`potongan.${i}.persen`, 'Isi besar potongan (%) per kejadian atau per hari.');
    potonganRows.push(i);
    potongan.push({ pemicu, persen: angka(persen), dari, batas: batas === '' ? null : angka(batas) });
  }
  const tambahanRows: number[] = [];
  const tambahan = [];
  for (let i = 0; i < BARIS_TAMBAHAN; i++) {
    const [n, bulan, persen, dasar] = ['nama', 'bulan', 'persen', 'dasar'].map((x) => f(`tambahan.${i}.${x}`));
    if (n === '' && persen === '') continue;
    tambahanRows.push(i);
    tambahan.push({ nama: n, bulan: Number(bulan) || Number.NaN, persen: angka(persen), dasar });
  }
  const ter: Record<string, { sampai: number | null; tarif: number }[]> = {};
  for (const k of ['A', 'B', 'C']) {
    const t = bacaTer(f(`pph21.ter.${k}`));
    if (t.salah) issue(`pph21.ter.${k}`, t.salah);
    ter[k] = t.rows;
  }
  const isi = {
    komponen: { kinerja: angka(f('komponen.kinerja')), skp: angka(f('komponen.skp')), kehadiran: angka(f('komponen.kehadiran')) },
    nilaiSkp: Object.fromEntries(KUNCI_SKP.map((k) => [k, angka(f(`nilaiSkp.${k}`))])),
    potongan,
    hukdis: { berlaku: f('hukdis.berlaku') },
    penundaan: { akibat: f('penundaan.akibat') },
    tambahan,
    pembulatan: { ke: Number(f('pembulatan.ke')), cara: f('pembulatan.cara') },
    bpjs: { pegawai: angka(f('bpjs.pegawai')), pemda: angka(f('bpjs.pemda')), batas: rupiah(f('bpjs.batas')) },
    pph21: { metode: f('pph21.metode'), ter },
  };
  const hasil = aturanTppSchema.safeParse(isi);
  if (!hasil.success) {
    for (const e of hasil.error.issues) {
      const path = e.path.map(String);
      let key = path.join('.');
      let message = e.message;
      if (path[0] === 'potongan' && path.length > 2) key = `potongan.${potonganRows[Number(path[1])]}.${path[2]}`;
      else if (path[0] === 'tambahan' && path.length > 2) key = `tambahan.${tambahanRows[Number(path[1])]}.${path[2]}`;
      else if (path[0] === 'pph21' && path[1] === 'ter') {
        key = `pph21.ter.${path[2]}`;
        if (path.length > 3) message = `Baris ${Number(path[3]) + 1}: ${message}`;
      }
      // a number that could not be read: say so rather than the type's message
      if (e.code === 'invalid_type' && e.expected === 'number') message = 'Isi dengan angka.';
      issue(key, message);
    }
    return z.NEVER;
  }
  return { nama, dasarHukum: dasarHukum || null, dariVersi, isi: hasil.data };
});

/** A rule set as the form shows it (flat strings), to start editing from or to put back what was typed. */
export function nilaiFormAturan(v: Pick<VersiAturan, 'nama' | 'dasarHukum' | 'versi' | 'isi'>): Record<string, string> {
  const a = v.isi;
  const out: Record<string, string> = {
    nama: v.nama,
    dasarHukum: v.dasarHukum ?? '',
    dariVersi: String(v.versi),
    'komponen.kinerja': koma(a.komponen.kinerja),
    'komponen.skp': koma(a.komponen.skp),
    'komponen.kehadiran': koma(a.komponen.kehadiran),
    'hukdis.berlaku': a.hukdis.berlaku,
    'penundaan.akibat': a.penundaan.akibat,
    'pembulatan.ke': String(a.pembulatan.ke),
    'pembulatan.cara': a.pembulatan.cara,
    'bpjs.pegawai': koma(a.bpjs.pegawai),
    'bpjs.pemda': koma(a.bpjs.pemda),
    'bpjs.batas': String(a.bpjs.batas),
    'pph21.metode': a.pph21.metode,
  };
  for (const k of KUNCI_SKP) out[`nilaiSkp.${k}`] = koma(a.nilaiSkp[k]);
  a.potongan.forEach((p, i) => {
    out[`potongan.${i}.pemicu`] = p.pemicu;
    out[`potongan.${i}.persen`] = koma(p.persen);
    out[`potongan.${i}.dari`] = p.dari;
    out[`potongan.${i}.batas`] = p.batas === null ? '' : koma(p.batas);
  });
  a.tambahan.forEach((t, i) => {
    out[`tambahan.${i}.nama`] = t.nama;
    out[`tambahan.${i}.bulan`] = String(t.bulan);
    out[`tambahan.${i}.persen`] = koma(t.persen);
    out[`tambahan.${i}.dasar`] = t.dasar;
  });
  for (const k of ['A', 'B', 'C'] as const)
    out[`pph21.ter.${k}`] = a.pph21.ter[k].map((b) => `${b.sampai === null ? '-' : b.sampai};${koma(b.tarif)}`).join('\n');
  return out;
}
