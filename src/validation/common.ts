import { z } from 'zod';

// Control characters (NUL and friends) are refused: they are never typed by a person, and PostgreSQL rejects NUL.
// Every form's text goes through these helpers, so a new form inherits the rule by using them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: single-line fields refuse line breaks and tabs as well
export const CONTROL_LINE = /[\u0000-\u001F\u007F]/;

/** The largest id a PostgreSQL `integer` column holds; a bigger number is a value nobody can have been shown. */
export const INT4_MAX = 2_147_483_647;

/** A single-line text field: trimmed, bounded, no control characters. */
export const teks = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .min(min, `${label} wajib diisi.`)
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !CONTROL_LINE.test(v), `${label} berisi karakter yang tidak diizinkan.`);

/** A single-line text field that may stay empty: empty → null. */
export const teksOpsional = (label: string, max: number) =>
  z
    .string({ error: `${label} tidak valid.` })
    .trim()
    .max(max, `${label} paling banyak ${max} karakter.`)
    .refine((v) => !CONTROL_LINE.test(v), `${label} berisi karakter yang tidak diizinkan.`)
    .optional()
    .transform((v) => v || null);

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

/** An id from a select or a hidden field (a PostgreSQL integer: 1 … 2,147,483,647). */
export const idWajib = (message: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number({ error: message }).int(message).positive(message).max(INT4_MAX, message),
  );

/** An optional id from a select ("" = none → null). */
export const idOpsional = (message = 'Pilihan tidak valid.') =>
  z
    .string({ error: message })
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null;
      if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > INT4_MAX) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return Number(v);
    });

/**
 * The version of a record a form was opened on (its `updated_at` as ISO text): a real instant, or the form is stale.
 * A shape-only check let "2026-13-45T99:…" through to PostgreSQL, which refused it with a 500.
 */
export const versi = (message = 'Formulir tidak lengkap. Muat ulang halaman.') =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, message)
    .refine((v) => {
      const t = Date.parse(v);
      return !Number.isNaN(t) && new Date(t).toISOString() === v;
    }, message);

export const idempotencyKey = z.uuid({ error: 'Formulir tidak lengkap. Muat ulang halaman, lalu isi kembali.' });
