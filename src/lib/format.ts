/** Numbers as an ASN reads them: 1.234,5 */
export const formatAngka = (v: unknown, maxDecimals = 2): string => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n.toLocaleString('id-ID', { maximumFractionDigits: maxDecimals }) : '–';
};

/** "24 Nov 2026 09.15" in the Pemda's time zone */
export const formatWaktu = (d: Date | null | undefined, tz: string): string =>
  d
    ? d.toLocaleString('id-ID', { timeZone: tz, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    : '–';
