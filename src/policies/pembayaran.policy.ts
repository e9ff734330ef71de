// Who may read the daftar pembayaran TPP (issue 22) and what of it:
// - the admin kepegawaian: any unit, account numbers in full, the bank's bulk-transfer file;
// - a bendahara (peran BENDAHARA, the bendahara pengeluaran of an OPD): the OPD their unit belongs to, account numbers
//   masked (issue 22: "masked for anyone but the admin and the pegawai"), no bank file (it carries the numbers in full);
// - everyone else: 403.
// A unit out of the reader's reach is a 404 (its existence is not confirmed). The signed PDF sheet circulates on paper:
// it shows every account masked, whoever prints it.

export type PembacaPembayaran = { id: number; isAdmin: boolean; peran: readonly string[]; unitId: number | null };

export const isBendahara = (user: Pick<PembacaPembayaran, 'peran'>): boolean => user.peran.includes('BENDAHARA');

/** The payment list pages and files. */
export const bolehBukaPembayaran = (user: PembacaPembayaran): boolean => user.isAdmin || isBendahara(user);

/** The bank's bulk-transfer file: account numbers in full. */
export const bolehUnduhFileBank = (user: PembacaPembayaran): boolean => user.isAdmin;

/** An account number in full on a row of the list: the admin, and the pegawai on their own row. */
export const bolehLihatRekeningPenuh = (user: PembacaPembayaran, pegawaiId: number): boolean => user.isAdmin || user.id === pegawaiId;
