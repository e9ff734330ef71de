import { AppError } from './errors.ts';

/** A rule a service checks against the database (a taken name, a loop in a tree): shown next to the field, 422. */
export class FieldError extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? 'Data tidak valid.', 422);
  }
}

// The services check these rules before writing, but two identical requests at the same instant (a double submit, two
// admins) both pass the check and one INSERT then hits the constraint. That loser gets the same answer as a later
// request would: the message next to the field, the form still filled in, 422 — not a generic 409 page.
const CONSTRAINT_FIELDS: Record<string, Record<string, string>> = {
  unit_kerja_induk_id_nama_key: { nama: 'Nama ini sudah dipakai unit lain di bawah induk yang sama.' },
  jabatan_unit_id_nama_key: { nama: 'Jabatan dengan nama ini sudah ada di unit kerja tersebut.' },
  pegawai_nip_key: { nip: 'NIP ini sudah dipakai pegawai lain.' },
  uraian_tugas_jabatan_id_uraian_key: { uraian: 'Uraian tugas ini sudah ada pada jabatan tersebut.' },
  riwayat_jabatan_tanpa_tumpang: {
    tmt: 'Masa jabatan ini bertumpang dengan riwayat yang sudah ada (mungkin baru disimpan orang lain). Muat ulang halaman.',
  },
  riwayat_jabatan_satu_terbuka: {
    tmt: 'Pegawai ini sudah punya jabatan yang masih berjalan (mungkin baru disimpan orang lain). Muat ulang halaman.',
  },
  hari_libur_pkey: { tanggal: 'Tanggal ini sudah tercatat sebagai hari libur.' },
  buka_bulan_unit_id_tahun_bulan_key: { bulan: 'Bulan ini sudah dibuka untuk unit kerja tersebut.' },
};

/** The name of the unique or exclusion constraint an error reports, however Prisma or pg wrapped it. */
export function violatedConstraint(err: unknown): string | undefined {
  type Cause = { originalCode?: string; originalMessage?: string; constraint?: { index?: string; name?: string } };
  const e = err as {
    code?: string;
    constraint?: string;
    message?: string;
    meta?: { driverAdapterError?: { cause?: Cause } };
    cause?: Cause;
  };
  const cause = e?.meta?.driverAdapterError?.cause ?? e?.cause;
  const state = cause?.originalCode ?? e?.code;
  if (!(state === '23505' || state === '23P01' || state === 'P2002')) return undefined;
  const named = e?.constraint ?? cause?.constraint?.index ?? cause?.constraint?.name;
  if (named) return named;
  return /constraint "([^"]+)"/.exec(cause?.originalMessage ?? e?.message ?? '')?.[1];
}

/**
 * The field errors an exception stands for: a service's FieldError, or a unique/exclusion violation of a constraint
 * that belongs to a form field. Anything else (undefined) goes on to the error page.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> | undefined {
  if (err instanceof FieldError) return err.fields;
  const constraint = violatedConstraint(err);
  return constraint ? CONSTRAINT_FIELDS[constraint] : undefined;
}
