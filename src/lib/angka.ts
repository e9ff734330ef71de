// Numbers as an Indonesian reader writes them: "1.234,56" (dot groups thousands, comma before decimals).
// The open data files keep a dot as decimal separator (see README); these are for pages and the PDF only.

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 123456n hundredths → "1.234,56"; null → "–". */
export function desimal(c: bigint | null | undefined): string {
  if (c === null || c === undefined) return '–';
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? '−' : ''}${group(String(abs / 100n))},${String(abs % 100n).padStart(2, '0')}`;
}

/** 1234 → "1.234" */
export function bilangan(n: number): string {
  return `${n < 0 ? '−' : ''}${group(String(Math.abs(n)))}`;
}

/** Selisih with its sign and meaning: "+1 (lebih)", "−2 (kurang)", "0 (sesuai)". */
export function selisih(n: number): string {
  if (n > 0) return `+${bilangan(n)} (lebih)`;
  if (n < 0) return `${bilangan(n)} (kurang)`;
  return '0 (sesuai)';
}

/** A stored decimal ("24.00", "12.50") as typed in a form: "24", "12,5". */
export function desimalInput(value: string): string {
  return value.replace(/\.?0+$/, (m) => (m.startsWith('.') || value.includes('.') ? '' : m)).replace('.', ',');
}
