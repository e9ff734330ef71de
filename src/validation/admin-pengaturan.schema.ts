import { z } from 'zod';
import { type Settings, settingsSchema } from '../domain/settings.ts';
import { kurvaDariForm, kurvaFields } from '../features/skp/kurva.schema.ts';

// The settings form posts flat strings ("pjBatas.a", "jamKerja.senin.masuk"); this turns them into the typed
// Settings object and validates it with the domain's own settingsSchema, with messages in Bahasa Indonesia.
export const HARI = ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu'] as const;

const angka = (label: string, opts: { int?: boolean; min: number; max: number }) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), `${label} harus berupa angka.`)
    .transform(Number)
    .refine((n) => !opts.int || Number.isInteger(n), `${label} harus bilangan bulat.`)
    .refine(
      (n) => n >= opts.min && n <= opts.max,
      `${label} harus antara ${opts.min.toLocaleString('id-ID')} dan ${opts.max.toLocaleString('id-ID')}.`,
    );
const persen = (label: string) => angka(label, { min: 0, max: 100 });
const jam = (label: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), `${label}: tulis jam sebagai HH:MM, mis. 07:30.`);

const hariFields = Object.fromEntries(
  HARI.flatMap((h) => [
    [`jamKerja.${h}.masuk`, jam('Jam masuk')],
    [`jamKerja.${h}.pulang`, jam('Jam pulang')],
  ]),
);

export const pengaturanFormSchema = z
  .object({
    namaPemda: z
      .string({ error: 'Nama Pemda wajib diisi.' })
      .trim()
      .min(3, 'Nama Pemda minimal 3 karakter.')
      .max(150, 'Nama Pemda paling panjang 150 karakter.'),
    zonaWaktu: z.enum(['', 'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'], { error: 'Pilih zona waktu.' }).transform((v) => v || null),
    batasInputHari: angka('Batas input', { int: true, min: 1, max: 28 }),
    tutupBulanHari: angka('Tutup bulan', { int: true, min: 1, max: 28 }),
    koreksiKembaliHari: angka('Masa perbaikan', { int: true, min: 0, max: 31 }),
    realisasiHariLibur: z
      .enum(['izinkan', 'konfirmasi', 'tolak'], { error: 'Pilih aturan realisasi pada hari libur.' })
      .default('konfirmasi'),
    menitHarianPeringatan: angka('Batas peringatan menit harian', { int: true, min: 60, max: 1440 }),
    targetWajibDisetujui: z.enum(['ya', 'tidak'], { error: 'Pilih aturan persetujuan target.' }).default('tidak'),
    rencanaTahunDepanBulan: angka('Bulan mulai rencana tahun depan', { int: true, min: 1, max: 12 }).default(10),
    wkeMenitPerTahun: angka('WKE', { int: true, min: 1000, max: 200_000 }),
    'pjBatas.a': angka('Batas A', { min: 0.01, max: 10 }),
    'pjBatas.b': angka('Batas B', { min: 0.01, max: 10 }),
    'pjBatas.c': angka('Batas C', { min: 0.01, max: 10 }),
    'pjBatas.d': angka('Batas D', { min: 0.01, max: 10 }),
    pembulatanKebutuhan: z.enum(['half-up', 'up', 'down'], { error: 'Pilih cara pembulatan.' }),
    menitEfektifBulanan: angka('Menit efektif bulanan', { int: true, min: 60, max: 20_000 }),
    tppPorsiKinerja: persen('Porsi kinerja'),
    tppPorsiDisiplin: persen('Porsi disiplin'),
    'tppPotongan.band1': persen('Potongan 1–30 menit'),
    'tppPotongan.band2': persen('Potongan 31–60 menit'),
    'tppPotongan.band3': persen('Potongan 61–90 menit'),
    'tppPotongan.band4': persen('Potongan > 90 menit'),
    'tppPotongan.alpa': persen('Potongan tanpa keterangan'),
    ...hariFields,
    pejabatPuncak: z.string().default(''),
    tppDasarCapaian: z.enum(['target', 'waktu'], { error: 'Pilih dasar capaian TPP.' }),
    tppPenetapanHari: angka('Hari penetapan TPP', { int: true, min: 1, max: 28 }),
    tppMutasi: z.enum(['prorata', 'tanggal1'], { error: 'Pilih cara membayar bulan mutasi.' }),
    tppPltSetaraPersen: persen('Tambahan Plt jabatan setara'),
    tppPlhPersen: persen('Tambahan Plh'),
    ...kurvaFields(angka),
  })
  .transform((f, ctx) => {
    const v = f as Record<string, unknown>;
    const jamKerja: Record<string, { masuk: string; pulang: string } | null> = {};
    for (const h of HARI) {
      const masuk = v[`jamKerja.${h}.masuk`] as string;
      const pulang = v[`jamKerja.${h}.pulang`] as string;
      if (!masuk && !pulang) jamKerja[h] = null;
      else if (!masuk || !pulang || masuk >= pulang) {
        ctx.addIssue({
          code: 'custom',
          path: [`jamKerja.${h}.pulang`],
          message: 'Isi jam masuk dan pulang (pulang sesudah masuk), atau kosongkan keduanya untuk hari libur.',
        });
      } else jamKerja[h] = { masuk, pulang };
    }
    // "ID unit = NIP", one per line: who verifies the top of that unit's hierarchy (issue 11).
    const pejabatPuncak: { unitId: number; nip: string }[] = [];
    for (const line of f.pejabatPuncak
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const m = /^(\d{1,9})\s*[=:;,\s]\s*(\d{18})$/.exec(line);
      if (!m)
        ctx.addIssue({
          code: 'custom',
          path: ['pejabatPuncak'],
          message: `Baris "${line}" tidak dikenal; tulis "ID unit = NIP 18 digit", satu per baris.`,
        });
      else if (pejabatPuncak.some((p) => p.unitId === Number(m[1])))
        ctx.addIssue({ code: 'custom', path: ['pejabatPuncak'], message: `Unit ${m[1]} disebut dua kali.` });
      else pejabatPuncak.push({ unitId: Number(m[1]), nip: m[2] });
    }
    if (f.tppPorsiKinerja + f.tppPorsiDisiplin !== 100) {
      ctx.addIssue({ code: 'custom', path: ['tppPorsiDisiplin'], message: 'Porsi kinerja dan porsi disiplin harus berjumlah 100%.' });
    }
    const { a, b, c, d } = { a: f['pjBatas.a'], b: f['pjBatas.b'], c: f['pjBatas.c'], d: f['pjBatas.d'] };
    if (!(a >= b && b > c && c > d && d > 0))
      ctx.addIssue({ code: 'custom', path: ['pjBatas.b'], message: 'Batas harus menurun: A ≥ B > C > D > 0.' });
    const typed = settingsSchema.safeParse({
      namaPemda: f.namaPemda,
      zonaWaktu: f.zonaWaktu,
      batasInputHari: f.batasInputHari,
      wkeMenitPerTahun: f.wkeMenitPerTahun,
      pjBatas: { a, b, c, d },
      pembulatanKebutuhan: f.pembulatanKebutuhan,
      menitEfektifBulanan: f.menitEfektifBulanan,
      tppPorsiKinerja: f.tppPorsiKinerja,
      tppPorsiDisiplin: f.tppPorsiDisiplin,
      tppPotongan: {
        band1: f['tppPotongan.band1'],
        band2: f['tppPotongan.band2'],
        band3: f['tppPotongan.band3'],
        band4: f['tppPotongan.band4'],
        alpa: f['tppPotongan.alpa'],
      },
      jamKerja,
      pejabatPuncak,
      tutupBulanHari: f.tutupBulanHari,
      koreksiKembaliHari: f.koreksiKembaliHari,
      realisasiHariLibur: f.realisasiHariLibur,
      menitHarianPeringatan: f.menitHarianPeringatan,
      targetWajibDisetujui: f.targetWajibDisetujui === 'ya',
      rencanaTahunDepanBulan: f.rencanaTahunDepanBulan,
      tppDasarCapaian: f.tppDasarCapaian,
      tppPenetapanHari: f.tppPenetapanHari,
      tppMutasi: f.tppMutasi,
      tppPltSetaraPersen: f.tppPltSetaraPersen,
      tppPlhPersen: f.tppPlhPersen,
      ...kurvaDariForm(v, ctx),
    });
    if (!typed.success) {
      for (const issue of typed.error.issues) ctx.addIssue({ code: 'custom', path: [issue.path.join('.')], message: issue.message });
      return z.NEVER;
    }
    return typed.data as Settings;
  });
