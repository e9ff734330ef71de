import { AppError } from './errors.ts';

/** A rule a service checks against the database (a taken name, a loop in a tree): shown next to the field, 422. */
export class FieldError extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? 'Data tidak valid.', 422);
  }
}
