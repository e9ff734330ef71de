// Who may read a pegawai's presensi, capaian, TPP and laporan (issue 10, DOMAIN.md "Who uses it"):
// the pegawai themself, their direct atasan, a pimpinan whose unit subtree holds the pegawai's unit, and the admin.
// Everyone else: 404 (the record is out of their reach, its existence is not confirmed).

export type Pembaca = { id: number; isAdmin: boolean; isPimpinan: boolean };
export type DataPegawai = { id: number; atasanId: number | null };

/** `dalamUnitPimpinan`: the pegawai's unit lies in the reader's unit subtree (checked by the caller in SQL). */
export function bolehLihatPegawai(user: Pembaca, pegawai: DataPegawai, dalamUnitPimpinan: boolean, atasanPadaBulan = false): boolean {
  if (user.id === pegawai.id || user.isAdmin) return true;
  // the atasan now, or the atasan of the month being read (their history: a mutasi does not hide the months before it)
  if (pegawai.atasanId === user.id || atasanPadaBulan) return true;
  return user.isPimpinan && dalamUnitPimpinan;
}

/** The dashboard: pimpinan (own unit subtree) and admin (the whole Pemda). */
export const bolehBukaDashboard = (user: Pembaca): boolean => user.isAdmin || user.isPimpinan;
