// Intl formatters are costly to build: one per shape, reused (a page formats hundreds of numbers).
const numberFormats = new Map<number, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Numbers as an ASN reads them: 1.234,5 */
export const formatAngka = (v: unknown, maxDecimals = 2): string => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return '–';
  let f = numberFormats.get(maxDecimals);
  if (!f) {
    f = new Intl.NumberFormat('id-ID', { maximumFractionDigits: maxDecimals });
    numberFormats.set(maxDecimals, f);
  }
  return f.format(n);
};

/** "24 Nov 2026 09.15" in the Pemda's time zone */
export const formatWaktu = (d: Date | null | undefined, tz: string): string => {
  if (!d) return '–';
  let f = dateTimeFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', {
      timeZone: tz,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(tz, f);
  }
  return f.format(d);
};
