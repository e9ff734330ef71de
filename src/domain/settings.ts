import { z } from 'zod';

// Settings of the Pemda (DOMAIN.md): typed, validated, with the regulations' defaults. Stored one row per key in
// the `setting` table; a key without a row takes its default here.

const jam = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Format jam HH:MM');
const hari = z.object({ masuk: jam, pulang: jam }).nullable(); // null = not a working day
const persen = z.number().min(0).max(100);
const capaianOrganisasi = z.number().min(0).max(1000);
const batasKurva = z.object({ maksSangatBaik: persen, maksBaik: persen, minDiBawahBaik: z.number().int().min(0).max(1000) });

export const settingsSchema = z.object({
  namaPemda: z.string().trim().min(3).max(150).default('Pemerintah Kabupaten Sukamaju'),
  /** null = follow APP_TIMEZONE */
  zonaWaktu: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']).nullable().default(null),
  /** a month's entries are accepted until the end of this day of the next month */
  batasInputHari: z.number().int().min(1).max(28).default(5),
  /** waktu kerja efektif per year, minutes (PermenPAN-RB 1/2020: 1,250 h; older rule 1,200 h = 72,000) */
  wkeMenitPerTahun: z.number().int().min(1000).max(200_000).default(75_000),
  /** lower bounds of the PJ grades from EJ: A > a, B ≥ b, C ≥ c, D ≥ d, E below */
  pjBatas: z
    .object({ a: z.number(), b: z.number(), c: z.number(), d: z.number() })
    .refine((v) => v.a >= v.b && v.b > v.c && v.c > v.d && v.d > 0, 'Batas harus menurun: A ≥ B > C > D > 0')
    .default({ a: 1.0, b: 0.9, c: 0.7, d: 0.5 }),
  pembulatanKebutuhan: z.enum(['half-up', 'up', 'down']).default('half-up'),
  menitEfektifBulanan: z.number().int().min(60).max(20_000).default(6750),
  tppPorsiKinerja: persen.default(60),
  tppPorsiDisiplin: persen.default(40),
  /** cut per occurrence (%) for lateness (TL) / early leave (PSW) bands 1–30, 31–60, 61–90, >90 min; per day absent */
  tppPotongan: z
    .object({ band1: persen, band2: persen, band3: persen, band4: persen, alpa: persen })
    .default({ band1: 0.5, band2: 1, band3: 1.25, band4: 1.5, alpa: 3 }),
  jamKerja: z.object({ senin: hari, selasa: hari, rabu: hari, kamis: hari, jumat: hari, sabtu: hari, minggu: hari }).default({
    senin: { masuk: '07:30', pulang: '16:00' },
    selasa: { masuk: '07:30', pulang: '16:00' },
    rabu: { masuk: '07:30', pulang: '16:00' },
    kamis: { masuk: '07:30', pulang: '16:00' },
    jumat: { masuk: '07:30', pulang: '16:30' },
    sabtu: null,
    minggu: null,
  }),
  /**
   * Issue 11: who verifies the top of a hierarchy. Per root unit (a unit without induk, or any unit named here), the
   * NIP of the pejabat who verifies the pegawai of that unit's subtree who have no atasan on the entry's date
   * (e.g. the Sekda for the Kepala OPD). Nobody named (the default): only an admin, on behalf, verifies them.
   */
  pejabatPuncak: z.array(z.object({ unitId: z.number().int().positive(), nip: z.string().regex(/^\d{18}$/) })).default([]),
  /** tutup bulan (issue 11): a month is closed after the end of this day of the next month (no input, edit, verify …) */
  tutupBulanHari: z.number().int().min(1).max(28).default(10),
  /** a returned entry may be corrected for this many days after its return, even past the input deadline (issue 11) */
  koreksiKembaliHari: z.number().int().min(0).max(31).default(5),
  /** an entry dated on a hari libur or a non-working weekday: allowed, asks for confirmation, or refused (issue 11) */
  realisasiHariLibur: z.enum(['izinkan', 'konfirmasi', 'tolak']).default('konfirmasi'),
  /** above this many minutes recorded on one day the pegawai is warned (the hard limit is 1,440) */
  menitHarianPeringatan: z.number().int().min(60).max(1440).default(600),
  /** Persetujuan Target (issue 11): realisasi on a target the atasan has not approved is refused (false: allowed, marked) */
  targetWajibDisetujui: z.boolean().default(false),
  /** from the 1st of this month the pegawai may plan next year's targets (Tambah Target Baru, Salin target tahun lalu) */
  rencanaTahunDepanBulan: z.number().int().min(1).max(12).default(10),
  /** which capaian drives the kinerja part of TPP: per target (default) or verified minutes ÷ menitEfektifBulanan */
  tppDasarCapaian: z.enum(['target', 'waktu']).default('target'),
  /** a month's TPP can be ditetapkan (frozen) once this day of the next month has passed */
  tppPenetapanHari: z.number().int().min(1).max(28).default(10),
  /**
   * A month split by a mutasi (issue 24; no regulation fixes it): 'prorata' pays each jabatan's pagu for its share of
   * the month's working days; 'tanggal1' pays the jabatan held on the 1st for the whole month (docs/tpp-bulan.md).
   */
  tppMutasi: z.enum(['prorata', 'tanggal1']).default('prorata'),
  /** Plt of an equal post: this share (%) of the post's TPP is added to the pegawai's own (issue 24, DOMAIN.md) */
  tppPltSetaraPersen: persen.default(20),
  /** Plh: this share (%) of the post's TPP is added (most Perbup: none) */
  tppPlhPersen: persen.default(0),
  /**
   * Issue 19, the organisation's predikat from its capaian (%): lower bounds, inclusive and decreasing (Istimewa ≥ 110,
   * Baik ≥ 90, Butuh Perbaikan ≥ 70, Kurang ≥ 50, Sangat Kurang below). src/domain/skp.ts predikatOrganisasiDari.
   */
  predikatOrganisasiBatas: z
    .object({ istimewa: capaianOrganisasi, baik: capaianOrganisasi, butuhPerbaikan: capaianOrganisasi, kurang: capaianOrganisasi })
    .refine(
      (v) => v.istimewa > v.baik && v.baik > v.butuhPerbaikan && v.butuhPerbaikan > v.kurang,
      'Batas harus menurun: Istimewa > Baik > Butuh Perbaikan > Kurang.',
    )
    .default({ istimewa: 110, baik: 90, butuhPerbaikan: 70, kurang: 50 }),
  /**
   * Issue 19, the distribution curve (kurva distribusi) per predikat organisasi: at most this share (%) of the OPD's
   * pegawai rated Sangat Baik / Baik, and at least this many rated below Baik once everyone is rated
   * (src/domain/kurva.ts; defaults documented in docs/skp.md "Kurva distribusi").
   */
  kurvaDistribusi: z
    .object({
      ISTIMEWA: batasKurva,
      BAIK: batasKurva,
      BUTUH_PERBAIKAN: batasKurva,
      KURANG: batasKurva,
      SANGAT_KURANG: batasKurva,
    })
    .default({
      ISTIMEWA: { maksSangatBaik: 70, maksBaik: 100, minDiBawahBaik: 0 },
      BAIK: { maksSangatBaik: 100, maksBaik: 70, minDiBawahBaik: 1 },
      BUTUH_PERBAIKAN: { maksSangatBaik: 10, maksBaik: 70, minDiBawahBaik: 1 },
      KURANG: { maksSangatBaik: 0, maksBaik: 60, minDiBawahBaik: 1 },
      SANGAT_KURANG: { maksSangatBaik: 0, maksBaik: 50, minDiBawahBaik: 1 },
    }),
});
// Hari libur moved from a setting to the hari_libur table (src/services/kalender.service.ts).

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

/** Stored rows → settings; a stored value that no longer validates falls back to its default. */
export function resolveSettings(rows: { key: string; value: unknown }[]): Settings {
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(SETTING_KEYS as string[]).includes(row.key)) continue;
    const field = settingsSchema.shape[row.key as SettingKey];
    if (field.safeParse(row.value).success) stored[row.key] = row.value;
  }
  return settingsSchema.parse(stored);
}

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
