// Predikat kinerja (PermenPAN-RB 6/2022, lampiran): rating hasil kerja × predikat perilaku kerja.

export const EKSPEKTASI = ['DI_BAWAH', 'SESUAI', 'DI_ATAS'] as const;
export type Ekspektasi = (typeof EKSPEKTASI)[number];

export const LABEL_EKSPEKTASI: Record<Ekspektasi, string> = {
  DI_BAWAH: 'Di bawah ekspektasi',
  SESUAI: 'Sesuai ekspektasi',
  DI_ATAS: 'Di atas ekspektasi',
};

export type Predikat = 'Sangat Baik' | 'Baik' | 'Butuh Perbaikan' | 'Kurang/Misconduct' | 'Sangat Kurang';

// rows: hasil kerja, columns: perilaku kerja (di bawah, sesuai, di atas)
const MATRIKS: Record<Ekspektasi, [Predikat, Predikat, Predikat]> = {
  DI_ATAS: ['Kurang/Misconduct', 'Baik', 'Sangat Baik'],
  SESUAI: ['Kurang/Misconduct', 'Baik', 'Baik'],
  DI_BAWAH: ['Sangat Kurang', 'Butuh Perbaikan', 'Butuh Perbaikan'],
};

export function predikatKinerja(hasilKerja: Ekspektasi, perilakuKerja: Ekspektasi): Predikat {
  return MATRIKS[hasilKerja][EKSPEKTASI.indexOf(perilakuKerja)];
}

export const PERIODE_PREDIKAT = ['TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN'] as const;
export type PeriodePredikat = (typeof PERIODE_PREDIKAT)[number];
export const LABEL_PERIODE: Record<PeriodePredikat, string> = {
  TW1: 'Triwulan I',
  TW2: 'Triwulan II',
  TW3: 'Triwulan III',
  TW4: 'Triwulan IV',
  TAHUNAN: 'Tahunan',
};

/** Months (1…12) of a period. */
export function bulanPeriode(p: PeriodePredikat): number[] {
  if (p === 'TAHUNAN') return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const q = Number(p.slice(2));
  return [3 * q - 2, 3 * q - 1, 3 * q];
}
