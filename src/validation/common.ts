import { z } from 'zod';

// Control characters (NUL and friends) are refused: they are never typed by a person, and PostgreSQL rejects NUL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: single-line fields refuse line breaks and tabs as well
const CONTROL_LINE = /[\u0000-\u001F\u007F]/;

/** A single-line text field: trimmed, bounded, no control characters. */
export const teks = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(min, `${label} wajib diisi.`)
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !CONTROL_LINE.test(v), `${label} berisi karakter yang tidak diizinkan.`);

/** A multi-line text field (line breaks allowed), optional: empty → null. */
export const teksPanjang = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !CONTROL.test(v), `${label} berisi karakter yang tidak diizinkan.`)
    .transform((v) => (v === '' ? null : v))
    .optional()
    .transform((v) => v ?? null);

/** "1,5" or "1.5" or "1.234,5" → 1.5 / 1234.5; anything else stays as typed (and fails the number check). */
export function parseAngka(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let s = v.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
}

/** A positive quantity with at most 2 decimals and a sane upper bound. */
export const jumlah = (label: string, max = 100_000) =>
  z.preprocess(
    parseAngka,
    z
      .number({ error: `${label} wajib diisi dengan angka.` })
      .gt(0, `${label} harus lebih dari 0.`)
      .max(max, `${label} paling besar ${max.toLocaleString('id-ID')}.`)
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${label} paling banyak 2 angka di belakang koma.`),
  );

export const tanggal = (label = 'Tanggal') =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} wajib diisi (format tahun-bulan-tanggal).`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, `${label} tidak valid.`);

/** An id from a select or a hidden field. */
export const idWajib = (message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: message }).int(message).positive(message));

export const idempotencyKey = z.uuid({ error: 'Formulir tidak lengkap. Muat ulang halaman, lalu isi kembali.' });
