/** The i-th of many valid, distinct NIPs: birth dates one day apart from 1970, TMT CPNS 25 years later. */
export function validNip(i: number, gender: 1 | 2 = i % 2 === 0 ? 1 : 2): string {
  const lahir = new Date(Date.UTC(1970, 0, 1 + i));
  const ymd = lahir.toISOString().slice(0, 10).replaceAll('-', '');
  const tmt = `${lahir.getUTCFullYear() + 25}${String((i % 12) + 1).padStart(2, '0')}`;
  return `${ymd}${tmt}${gender}${String((i % 999) + 1).padStart(3, '0')}`;
}
