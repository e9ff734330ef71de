import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** zod issues → one message per field (the first), for showing next to the field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Strings of a form body, as typed, to put back into the form (never the password). */
export function typedValues(body: unknown, omit: string[] = ['password', '_csrf']): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (omit.includes(k)) continue;
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join(',');
    }
  }
  return out;
}
