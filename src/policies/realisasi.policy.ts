// Who may do what with a realisasi. Controllers call these before acting; views call the same to show buttons.

type User = { id: number; isAdmin: boolean };
type Entri = { pegawaiId?: number; status: number };

/** The owner edits or deletes an entry while it is belum diverifikasi (status 0); a verified entry is locked. */
export const bisaUbahRealisasi = (user: User, r: Entri): boolean =>
  (r.pegawaiId === undefined || r.pegawaiId === user.id) && r.status === 0;

// Who verifies an entry is not a pure rule of (user, entry): it is the atasan on the entry's date, a Plt/Plh in force
// or the pejabat puncak (issue 11), resolved from the riwayat jabatan by riwayat.service.ts (lingkupVerifikasi) and
// applied in the query of verifikasi.service.ts, so out of reach is a 404.
