// Presensi (DOMAIN.md): a working day is a weekday with jam kerja that is no hari libur and no ketidakhadiran covers.
// On it, lateness (TL) = jam masuk − scheduled start and early leave (PSW) = scheduled end − jam pulang, in bands
// 1–30, 31–60, 61–90 and > 90 minutes; a missing clock-in (with a clock-out) is TL band 4, a missing clock-out (with a
// clock-in) is PSW band 4, neither is "tanpa keterangan". Records on other days count nothing.
//
// Minutes are counted started: 07:30:01 against 07:30 is one minute late (the machine records seconds; a regulation
// that tolerates seconds would be a setting, none asks for it).
//
// These rules run in this one place: a pegawai's month (src/domain/bulan-pegawai.ts) applies them for every output.

export type Band = 0 | 1 | 2 | 3 | 4;
export type JadwalHari = { masuk: string; pulang: string } | null;
export type JamKerja = Record<'senin' | 'selasa' | 'rabu' | 'kamis' | 'jumat' | 'sabtu' | 'minggu', JadwalHari>;

const HARI = ['minggu', 'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu'] as const;

/** Band of a TL/PSW duration in minutes: 0 on time, 1 = 1–30, 2 = 31–60, 3 = 61–90, 4 = more than 90. */
export function band(menit: number): Band {
  if (menit <= 0) return 0;
  if (menit <= 30) return 1;
  if (menit <= 60) return 2;
  if (menit <= 90) return 3;
  return 4;
}

/** "07:30" or "07:30:15" → seconds since midnight. */
export function detik(jam: string): number {
  const [h, m, s] = jam.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
}

/** Started minutes from `a` to `b` (0 when b is not after a). */
const menitDari = (a: string, b: string) => Math.max(0, Math.ceil((detik(b) - detik(a)) / 60));

/** The jam kerja of a YYYY-MM-DD's weekday. */
export function jadwalTanggal(jamKerja: JamKerja, tanggal: string): JadwalHari {
  const [y, m, d] = tanggal.split('-').map(Number);
  return jamKerja[HARI[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]];
}

export type StatusHari =
  | { jenis: 'bukan-hari-kerja' }
  | { jenis: 'libur'; nama: string }
  | { jenis: 'ketidakhadiran'; nama: string }
  | { jenis: 'tanpa-keterangan' }
  | { jenis: 'hadir'; tlMenit: number; pswMenit: number; tl: Band; psw: Band };

export type HariInput = {
  tanggal: string;
  jamKerja: JamKerja;
  libur?: string | null; // name of the hari libur, when it is one
  ketidakhadiran?: string | null; // jenis of the ketidakhadiran covering the day
  jamMasuk: string | null;
  jamPulang: string | null;
};

export function statusHari(h: HariInput): StatusHari {
  const jadwal = jadwalTanggal(h.jamKerja, h.tanggal);
  if (!jadwal) return { jenis: 'bukan-hari-kerja' };
  if (h.libur) return { jenis: 'libur', nama: h.libur };
  if (h.ketidakhadiran) return { jenis: 'ketidakhadiran', nama: h.ketidakhadiran };
  if (!h.jamMasuk && !h.jamPulang) return { jenis: 'tanpa-keterangan' };
  const tlMenit = h.jamMasuk ? menitDari(jadwal.masuk, h.jamMasuk) : 0;
  const pswMenit = h.jamPulang ? menitDari(h.jamPulang, jadwal.pulang) : 0;
  return {
    jenis: 'hadir',
    tlMenit,
    pswMenit,
    tl: h.jamMasuk ? band(tlMenit) : 4,
    psw: h.jamPulang ? band(pswMenit) : 4,
  };
}

/** Counts of a month: working days, days present, TL/PSW occurrences per band (index 1…4) and days absent. */
export type RingkasanPresensi = { hariKerja: number; hadir: number; tl: number[]; psw: number[]; alpa: number; menitTl: number };

export function ringkas(list: StatusHari[]): RingkasanPresensi {
  const r: RingkasanPresensi = { hariKerja: 0, hadir: 0, tl: [0, 0, 0, 0, 0], psw: [0, 0, 0, 0, 0], alpa: 0, menitTl: 0 };
  for (const s of list) {
    if (s.jenis === 'tanpa-keterangan') {
      r.hariKerja++;
      r.alpa++;
    } else if (s.jenis === 'hadir') {
      r.hariKerja++;
      r.hadir++;
      r.menitTl += s.tlMenit;
      if (s.tl > 0) r.tl[s.tl]++;
      if (s.psw > 0) r.psw[s.psw]++;
    }
  }
  return r;
}
