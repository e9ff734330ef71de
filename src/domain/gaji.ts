import { STATUS_PTKP, type StatusPtkp } from './aturan-tpp.ts';

// A pegawai's gaji and status PTKP as a CSV cell gives them (issue 22, bruto → neto of TPP): the rules of both files
// that carry them, the gaji CSV (src/services/gaji.service.ts) and the pegawai import (src/services/import/pegawai.ts),
// so the two cannot drift apart. An empty cell is "not given" (the recorded value stays). The pegawai form has its own
// zod schema (src/validation/admin-pegawai.schema.ts) with the same bounds; PostgreSQL holds them too (pegawai_gaji,
// pegawai_status_ptkp).

export const GAJI_TERBESAR = 1_000_000_000;

/** The monthly gaji in whole rupiah ("4.500.000" or "4500000"), null for an empty cell, or what is wrong with it. */
export function bacaGaji(sel: string): { nilai: number | null } | { salah: string } {
  const v = sel.replace(/[.\s]/g, '');
  if (v === '') return { nilai: null };
  if (!/^\d{1,10}$/.test(v) || Number(v) > GAJI_TERBESAR)
    return { salah: 'Gaji dalam rupiah, angka bulat tanpa koma (paling besar 1.000.000.000).' };
  return { nilai: Number(v) };
}

/** The status PTKP ("k/1", "K / 1" → "K/1"), null for an empty cell, or what is wrong with it. */
export function bacaPtkp(sel: string): { nilai: StatusPtkp | null } | { salah: string } {
  const v = sel.toUpperCase().replace(/\s/g, '');
  if (v === '') return { nilai: null };
  if (!(STATUS_PTKP as readonly string[]).includes(v)) return { salah: 'Status PTKP salah satu dari TK/0 … TK/3, K/0 … K/3.' };
  return { nilai: v as StatusPtkp };
}
