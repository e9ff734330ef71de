import { describe, expect, it } from 'vitest';
import { FieldError, fieldErrorsOf, violatedConstraint } from '../../../src/lib/field-error.ts';

// The shapes below are what Prisma 7 with adapter-pg and plain pg produced for a real duplicate (probed on PostgreSQL).
const prismaUnique = (index: string, code = 'P2002') => ({
  code,
  meta: {
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: {
        originalCode: '23505',
        originalMessage: `duplicate key value violates unique constraint "${index}"`,
        kind: 'UniqueConstraintViolation',
        constraint: { index },
      },
    },
  },
});

describe('fieldErrorsOf', () => {
  it('when a service throws a FieldError, then its fields are the answer', () => {
    expect(fieldErrorsOf(new FieldError({ nama: 'Sudah dipakai.' }))).toEqual({ nama: 'Sudah dipakai.' });
  });

  it('when a model create or a raw INSERT hits a form’s unique index, then the message goes to that field', () => {
    expect(fieldErrorsOf(prismaUnique('pegawai_nip_key'))).toEqual({ nip: 'NIP ini sudah dipakai pegawai lain.' });
    expect(fieldErrorsOf(prismaUnique('unit_kerja_induk_id_nama_key', 'P2010'))).toHaveProperty('nama');
  });

  it('when plain pg reports an exclusion violation, then the constraint is found by name', () => {
    const err = Object.assign(new Error('conflicting key value violates exclusion constraint "riwayat_jabatan_tanpa_tumpang"'), {
      code: '23P01',
      constraint: 'riwayat_jabatan_tanpa_tumpang',
    });
    expect(violatedConstraint(err)).toBe('riwayat_jabatan_tanpa_tumpang');
    expect(fieldErrorsOf(err)).toHaveProperty('tmt');
  });

  it('when the constraint belongs to no form, or the error is not a violation, then it is left to the error page', () => {
    expect(fieldErrorsOf(prismaUnique('realisasi_pegawai_id_idempotency_key_key'))).toBeUndefined();
    expect(fieldErrorsOf(new Error('constraint "pegawai_nip_key" mentioned in some other error'))).toBeUndefined();
    expect(fieldErrorsOf(undefined)).toBeUndefined();
  });
});
