// Predikat kinerja (PermenPAN-RB 6/2022, lampiran): rating hasil kerja × predikat perilaku kerja.

export const EKSPEKTASI = ['DI_BAWAH', 'SESUAI', 'DI_ATAS'] as const;
export type Ekspektasi = (typeof EKSPEKTASI)[number];

export const LABEL_EKSPEKTASI: Record<Ekspektasi, string> = {
  DI_BAWAH: 'Di bawah ekspektasi',
  SESUAI: 'Sesuai ekspektasi',
  DI_ATAS: 'Di atas ekspektasi',
};

/**
 * The five predikat, best first. These strings are what `evaluasi_kinerja.predikat` holds (its CHECK constraint lists
 * them): the distribution curve counts them and TPP rule sets read them (issue 22), so they never change spelling.
 */
export const PREDIKAT = ['Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang'] as const;
export type Predikat = (typeof PREDIKAT)[number];

// rows: hasil kerja, columns: perilaku kerja (di bawah, sesuai, di atas)
const MATRIKS: Record<Ekspektasi, [Predikat, Predikat, Predikat]> = {
  DI_ATAS: ['Kurang/Misconduct', 'Baik', 'Sangat Baik'],
  SESUAI: ['Kurang/Misconduct', 'Baik', 'Baik'],
  DI_BAWAH: ['Sangat Kurang', 'Butuh Perbaikan', 'Butuh Perbaikan'],
};

export function predikatKinerja(hasilKerja: Ekspektasi, perilakuKerja: Ekspektasi): Predikat {
  return MATRIKS[hasilKerja][EKSPEKTASI.indexOf(perilakuKerja)];
}
