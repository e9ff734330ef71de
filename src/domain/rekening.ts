// A pegawai's bank account (issue 22): the admin and the pegawai see the number; everyone else, the audit log and the
// logs see it masked, its last four digits only (enough to tell two accounts apart, not to pay into one).

/** "0012345678" → "••••••5678" (null stays null). */
export function samarkanRekening(nomor: string | null | undefined): string | null {
  if (!nomor) return null;
  return `${'•'.repeat(Math.max(0, nomor.length - 4))}${nomor.slice(-4)}`;
}

/** The account as this reader may see it: in full for the admin and the pegawai themself, else masked. */
export function rekeningUntuk(
  pembaca: { id: number; isAdmin: boolean },
  pegawai: { id: number; bankNama: string | null; rekening: string | null },
): { bankNama: string | null; nomor: string | null; lengkap: boolean } {
  const lengkap = pembaca.isAdmin || pembaca.id === pegawai.id;
  return { bankNama: pegawai.bankNama, nomor: lengkap ? pegawai.rekening : samarkanRekening(pegawai.rekening), lengkap };
}

// The account's rules, one place for the pegawai form and the CSV import.

/** The number as typed, without the spaces people put between groups. */
export const nomorRekening = (typed: string): string => typed.replace(/\s+/g, '');

/** What is wrong with a (normalised, non-empty) number, or null: digits only, 6–20 of them. */
export function salahNomorRekening(nomor: string): string | null {
  if (!/^\d+$/.test(nomor)) return 'Nomor rekening hanya berisi angka (tanpa titik, strip atau huruf).';
  if (nomor.length < 6 || nomor.length > 20) return 'Nomor rekening terdiri dari 6–20 digit.';
  return null;
}

/** Bank and number go together: the field to fix and why, or null. */
export function salahPasanganRekening(bank: string | null, nomor: string | null): { kolom: 'bank' | 'rekening'; pesan: string } | null {
  if (nomor && !bank) return { kolom: 'bank', pesan: 'Isi nama bank untuk nomor rekening ini.' };
  if (bank && !nomor) return { kolom: 'rekening', pesan: 'Isi nomor rekening di bank ini.' };
  return null;
}
