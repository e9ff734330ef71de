import { AppError } from './errors.ts';

/** A rule a service checks against the database (a taken name, a loop in a tree): shown next to the field, 422. */
export class FieldError extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? 'Data tidak valid.', 422);
  }
}

/** Route parameter → positive integer id, or 404 for anything else. */
export function idParam(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0 || String(id) !== raw)
    throw new AppError('Halaman atau data yang Anda cari tidak ditemukan.', 404);
  return id;
}
