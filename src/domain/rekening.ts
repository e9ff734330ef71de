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
