// Who may do what with a realisasi. Controllers call these before acting; views call the same to show buttons.

type User = { id: number; isAdmin: boolean };
type Entri = { pegawaiId?: number; status: number };

/** The owner edits or deletes an entry while it is belum diverifikasi (status 0); a verified entry is locked. */
export const bisaUbahRealisasi = (user: User, r: Entri): boolean =>
  (r.pegawaiId === undefined || r.pegawaiId === user.id) && r.status === 0;

/** Only the entry's pegawai's current direct atasan verifies it, never their own entry. */
export const bisaVerifikasi = (user: User, r: { pegawaiId: number; atasanId: number | null; status: number }): boolean =>
  r.status === 0 && r.atasanId === user.id && r.pegawaiId !== user.id;
