// CSV import of pegawai, behind both the upload page and the command line (scripts/import-csv.ts):
// nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran (and optionally tmt: the TMT in this Pemda of a new pegawai,
// YYYY-MM-DD, without it the TMT CPNS the NIP encodes; bank,rekening: where TPP is paid, both or neither, the number
// digits only, both empty leaves an existing pegawai's account as it is; gaji,status_ptkp: what bruto → neto of TPP
// needs, each on its own — two facts from two sources, either usable without the other, unlike an account that is
// bank and number together — with the rules of the gaji CSV (src/domain/gaji.ts); an empty cell keeps what is recorded).
// All or nothing: one transaction; any error in any row and nothing is written. Re-importing the same file changes
// nothing: pegawai are matched by NIP, their unit by name (or singkatan), their jabatan by unit + name.
import { oneByOne } from '../../db/one-by-one.ts';
import type { StatusPtkp } from '../../domain/aturan-tpp.ts';
import { bacaGaji, bacaPtkp } from '../../domain/gaji.ts';
import {
  type GolonganLabel,
  golonganFromEnum,
  golonganToEnum,
  keysOnCycles,
  normalisePeran,
  type PeranValue,
  parseGolongan,
  parsePeran,
} from '../../domain/kepegawaian.ts';
import { decodeNip } from '../../domain/nip.ts';
import { nomorRekening, salahNomorRekening, salahPasanganRekening, samarkanRekening } from '../../domain/rekening.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { hashTemporaryPassword, temporaryPassword } from '../../lib/password.ts';
import type { AuditEntry } from '../audit.service.ts';
import { akhiriTargetJabatanLama, mutasiImpor } from '../riwayat.service.ts';
import {
  checkEachRow,
  csvFile,
  failed,
  type ImportFile,
  type ImportOptions,
  type ImportResult,
  norm,
  readImportFile,
  type TemporaryPassword,
  unreadable,
} from './reader.ts';
import { auditBy, auditInBatches, BATCH, chunks, IMPORT_LOCK, importTransaction } from './transaction.ts';

export const PEGAWAI_COLUMNS = ['nip', 'nama', 'golongan', 'unit_kerja', 'jabatan', 'nip_atasan', 'peran'] as const;
const OPTIONAL_COLUMNS = ['tmt', 'bank', 'rekening', 'gaji', 'status_ptkp'] as const;
type Kolom = (typeof PEGAWAI_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
type Err = (kolom: Kolom, pesan: string) => void;

/**
 * The downloadable template: two accounts, the second under the first; the optional columns of TPP's payment filled on
 * the first (account, gaji, status PTKP) and empty on the second (left as recorded: nothing for a new pegawai).
 */
export const TEMPLATE_PEGAWAI = csvFile([
  [...PEGAWAI_COLUMNS, 'bank', 'rekening', 'gaji', 'status_ptkp'],
  [
    '198001012005011001',
    'Contoh Kepala Dinas, S.Kom., M.T.',
    'IV/b',
    'Dinas Komunikasi dan Informatika',
    'Kepala Dinas Komunikasi dan Informatika',
    '',
    'pimpinan|admin',
    'Bank Kalsel',
    '0011223344',
    '5.250.000',
    'K/2',
  ],
  [
    '199505052020122001',
    'Contoh Pelaksana, A.Md.',
    'II/c',
    'Seksi Pengembangan Aplikasi',
    'Pengelola Sistem Informasi',
    '198001012005011001',
    'pegawai',
    '',
    '',
    '',
    '',
  ],
]);

/** The temporary passwords of new accounts, as the one file the admin downloads (then hands out and deletes). */
export const passwordsCsv = (list: TemporaryPassword[]): string =>
  csvFile([['nip', 'nama', 'password_sementara'], ...list.map((p) => [p.nip, p.nama, p.password])]);

type PegawaiRow = {
  baris: number;
  nip: string;
  nama: string;
  /** TMT in this Pemda (optional column `tmt`, default the TMT CPNS the NIP encodes): for a new pegawai */
  tmt: string | null;
  /** the account where TPP is paid, when the row gives one */
  akun: { bankNama: string; rekening: string } | null;
  /** gaji and status PTKP, each when the row gives it */
  gaji: number | null;
  statusPtkp: StatusPtkp | null;
  golongan: GolonganLabel | null;
  unitId: number;
  jabatanId: number | null;
  nipAtasan: string | null;
  peran: PeranValue[];
};
type PegawaiState = {
  nama: string;
  golongan: GolonganLabel | null;
  unitId: number | null;
  jabatanId: number | null;
  atasanId: number | null;
  peran: PeranValue[];
  bankNama: string | null;
  rekening: string | null;
  gaji: number | null;
  statusPtkp: string | null;
};
type Update = PegawaiState & { id: number };
/** What the audit log keeps of a state: the account number masked (issue 22). */
const untukAudit = (s: PegawaiState) => ({ ...s, rekening: samarkanRekening(s.rekening) });

export async function importPegawaiCsv(text: string, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const file = readImportFile(text, PEGAWAI_COLUMNS, OPTIONAL_COLUMNS);
  if (unreadable(file)) return failed(0, file.errors, started);
  const total = file.rows.length + file.errors.length;

  return importTransaction(IMPORT_LOCK.kepegawaian, async (tx) => {
    const data = await readData(tx);
    const rows = checkEachRow(file, rowChecker(data), (i) => {
      if (i % 500 === 0) opts.onProgress?.('periksa', i, total);
    });
    checkAtasan(file, rows, data);
    opts.onProgress?.('periksa', total, total);
    if (file.errors.length > 0) return failed(file.rows.length, file.errors, started);

    const fresh = rows.filter((r) => !data.pegawaiByNip.has(r.nip));
    const { passwords, hashes } = await temporaryPasswords(fresh, opts);
    const toWrite = fresh.length + rows.length;
    let written = 0;
    const wrote = (n: number) => {
      written += n;
      opts.onProgress?.('simpan', written, toWrite);
    };
    const createdIds = await createPegawai(tx, fresh, hashes, wrote);
    const changes = whatChanges(rows, data, createdIds, opts);
    await updatePegawai(tx, changes, opts.tmt, wrote);
    const counts = {
      pegawai: { created: fresh.length, updated: changes.updated, unchanged: rows.length - fresh.length - changes.updated },
    };
    changes.entries.push({ ...auditBy(opts), action: 'impor.pegawai', objectType: 'impor', after: { baris: rows.length, ...counts } });
    await auditInBatches(tx, changes.entries);
    opts.onProgress?.('simpan', toWrite, toWrite);
    return { ok: true, rows: rows.length, errors: [], counts, passwords, durationMs: performance.now() - started };
  });
}

/** The units, jabatan and pegawai the rows name, read once. */
async function readData(tx: Prisma.TransactionClient) {
  const [units, jabatan, pegawai] = await oneByOne([
    () => tx.unitKerja.findMany({ select: { id: true, nama: true, singkatan: true, aktif: true } }),
    () => tx.jabatan.findMany({ select: { id: true, nama: true, unitId: true, aktif: true } }),
    () =>
      tx.pegawai.findMany({
        select: {
          id: true,
          nip: true,
          nama: true,
          golongan: true,
          unitId: true,
          jabatanId: true,
          atasanId: true,
          peran: true,
          aktif: true,
          bankNama: true,
          rekening: true,
          gaji: true,
          statusPtkp: true,
        },
      }),
  ]);
  const unitsByName = new Map<string, typeof units>();
  for (const u of units) {
    for (const key of new Set([norm(u.nama), u.singkatan ? norm(u.singkatan) : ''])) {
      if (key) unitsByName.set(key, [...(unitsByName.get(key) ?? []), u]);
    }
  }
  return {
    pegawai,
    unitsByName,
    jabatanByUnit: new Map(jabatan.map((j) => [`${j.unitId}|${norm(j.nama)}`, j])),
    pegawaiByNip: new Map(pegawai.map((p) => [p.nip, p])),
  };
}
type Data = Awaited<ReturnType<typeof readData>>;
type Existing = Data['pegawai'][number];

// ---------------------------------------------------------------------------------------------------------------
// 1. Every row on its own (the columns are checked in file order: a row's problems read left to right)
// ---------------------------------------------------------------------------------------------------------------

function rowChecker(data: Data) {
  const seen = new Map<string, number>(); // NIP → the row it first appeared on
  return (v: Record<Kolom, string>, err: Err, baris: number): PegawaiRow => {
    const nip = decodeNip(v.nip);
    if (!nip.ok) err('nip', v.nip ? `${nip.error} (${v.nip})` : 'NIP wajib diisi.');
    else if (seen.has(v.nip)) err('nip', `NIP ${v.nip} sudah ada pada baris ${seen.get(v.nip)}.`);
    else seen.set(v.nip, baris);
    if (v.tmt && !isTanggal(v.tmt)) err('tmt', `TMT "${v.tmt}" tidak valid; tulis TTTT-BB-HH (mis. 2026-11-01).`);
    const akun = checkAkun(v, err);
    const gaji = bacaGaji(v.gaji);
    if ('salah' in gaji) err('gaji', gaji.salah);
    const ptkp = bacaPtkp(v.status_ptkp);
    if ('salah' in ptkp) err('status_ptkp', ptkp.salah);
    if (!v.nama) err('nama', 'Nama wajib diisi.');
    else if (v.nama.length > 150) err('nama', 'Nama paling panjang 150 karakter.');
    const golongan = v.golongan ? parseGolongan(v.golongan) : null;
    if (v.golongan && !golongan) err('golongan', `Golongan "${v.golongan}" tidak dikenal; tulis seperti III/a (I/a … IV/e).`);
    const unitId = resolveUnit(v, err, data);
    const jabatanId = unitId == null ? null : resolveJabatan(v, err, data, unitId);
    if (v.nip_atasan && !/^\d{18}$/.test(v.nip_atasan)) err('nip_atasan', 'NIP atasan harus 18 digit angka.');
    else if (v.nip_atasan && v.nip_atasan === v.nip) err('nip_atasan', 'Pegawai tidak dapat menjadi atasan dirinya sendiri.');
    const peran = parsePeran(v.peran);
    if ('unknown' in peran) err('peran', `Peran "${peran.unknown}" tidak dikenal; pilih pegawai, pimpinan, admin (pisahkan dengan |).`);
    return {
      baris,
      nip: v.nip,
      tmt: v.tmt ? v.tmt : nip.ok ? `${nip.info.tmtCpns}-01` : null,
      akun,
      gaji: 'nilai' in gaji ? gaji.nilai : null,
      statusPtkp: 'nilai' in ptkp ? ptkp.nilai : null,
      nama: v.nama.replace(/\s+/g, ' '),
      golongan,
      unitId: unitId!,
      jabatanId,
      nipAtasan: v.nip_atasan || null,
      peran: 'peran' in peran ? peran.peran : ['PEGAWAI'],
    };
  };
}

/** YYYY-MM-DD of a day that exists. */
const isTanggal = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** bank + rekening: both or neither (src/domain/rekening.ts, the same rules as the pegawai form). */
function checkAkun(v: Record<Kolom, string>, err: Err): PegawaiRow['akun'] {
  const rekening = nomorRekening(v.rekening);
  const bank = v.bank.replace(/\s+/g, ' ');
  const pasangan = salahPasanganRekening(bank, rekening);
  const salahNomor = rekening ? salahNomorRekening(rekening) : null;
  if (pasangan) err(pasangan.kolom, pasangan.pesan);
  else if (salahNomor) err('rekening', salahNomor);
  else if (bank.length > 60) err('bank', 'Nama bank paling banyak 60 huruf.');
  return rekening ? { bankNama: bank, rekening } : null;
}

/** The one active unit of that name (or singkatan). */
function resolveUnit(v: Record<Kolom, string>, err: Err, data: Data): number | null {
  const matches = (data.unitsByName.get(norm(v.unit_kerja)) ?? []).filter((u) => u.aktif);
  if (!v.unit_kerja) err('unit_kerja', 'Unit kerja wajib diisi.');
  else if (matches.length === 0) err('unit_kerja', `Unit kerja "${v.unit_kerja}" tidak ditemukan (atau tidak aktif).`);
  else if (matches.length > 1)
    err('unit_kerja', `Nama unit kerja "${v.unit_kerja}" dipakai lebih dari satu unit; ubah namanya di menu Admin.`);
  else return matches[0].id;
  return null;
}

/** An active jabatan of that unit (written by the Anjab import), or none when the cell is empty. */
function resolveJabatan(v: Record<Kolom, string>, err: Err, data: Data, unitId: number): number | null {
  if (!v.jabatan) return null;
  const j = data.jabatanByUnit.get(`${unitId}|${norm(v.jabatan)}`);
  if (!j) err('jabatan', `Jabatan "${v.jabatan}" tidak ada di unit kerja "${v.unit_kerja}". Impor Anjab terlebih dahulu.`);
  else if (!j.aktif) err('jabatan', `Jabatan "${v.jabatan}" tidak aktif.`);
  else return j.id;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Rows against each other and the database: the atasan exists, is active, and no chain loops.
// ---------------------------------------------------------------------------------------------------------------

function checkAtasan(file: ImportFile<Kolom>, rows: PegawaiRow[], data: Data): void {
  const inFile = new Map(rows.map((r) => [r.nip, r]));
  for (const r of rows) {
    if (!r.nipAtasan || inFile.has(r.nipAtasan)) continue;
    const atasan = data.pegawaiByNip.get(r.nipAtasan);
    if (!atasan) file.error(r.baris, 'nip_atasan', `Atasan dengan NIP ${r.nipAtasan} tidak ada di berkas maupun di data.`);
    else if (!atasan.aktif) file.error(r.baris, 'nip_atasan', `Atasan dengan NIP ${r.nipAtasan} tidak aktif.`);
  }
  const atasanOf = new Map<string, string | null>();
  const nipById = new Map(data.pegawai.map((p) => [p.id, p.nip]));
  for (const p of data.pegawai) atasanOf.set(p.nip, p.atasanId == null ? null : (nipById.get(p.atasanId) ?? null));
  for (const r of rows) atasanOf.set(r.nip, r.nipAtasan);
  const looped = keysOnCycles(atasanOf);
  for (const r of rows) {
    if (looped.has(r.nip)) file.error(r.baris, 'nip_atasan', `Rantai atasan berputar kembali ke pegawai ini (NIP ${r.nip}).`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Writing: new accounts (with their temporary passwords), then the changes, then the audit rows
// ---------------------------------------------------------------------------------------------------------------

async function temporaryPasswords(fresh: PegawaiRow[], opts: ImportOptions) {
  const passwords: TemporaryPassword[] = [];
  const hashes: string[] = [];
  for (const [b, batch] of chunks(fresh, 8).entries()) {
    const plain = batch.map(() => temporaryPassword());
    hashes.push(...(await Promise.all(plain.map(hashTemporaryPassword)))); // argon2 runs on libuv's thread pool
    passwords.push(...batch.map((r, i) => ({ nip: r.nip, nama: r.nama, password: plain[i] })));
    if (b % 25 === 0) opts.onProgress?.('password', b * 8, fresh.length);
  }
  opts.onProgress?.('password', fresh.length, fresh.length);
  return { passwords, hashes };
}

/** The new pegawai, without their atasan (who may be new too): NIP → id. */
async function createPegawai(
  tx: Prisma.TransactionClient,
  fresh: PegawaiRow[],
  hashes: string[],
  wrote: (n: number) => void,
): Promise<Map<string, number>> {
  const createdIds = new Map<string, number>();
  for (const [b, batch] of chunks(fresh).entries()) {
    const created = await tx.pegawai.createManyAndReturn({
      data: batch.map((r, i) => ({
        nip: r.nip,
        nama: r.nama,
        tmt: r.tmt ? new Date(`${r.tmt}T00:00:00Z`) : null,
        golongan: r.golongan ? golonganToEnum(r.golongan) : null,
        unitId: r.unitId,
        jabatanId: r.jabatanId,
        peran: r.peran,
        bankNama: r.akun?.bankNama ?? null,
        rekening: r.akun?.rekening ?? null,
        gaji: r.gaji,
        statusPtkp: r.statusPtkp,
        passwordHash: hashes[b * BATCH + i],
        mustChangePassword: true,
      })),
      select: { id: true, nip: true },
    });
    for (const c of created) createdIds.set(c.nip, c.id);
    wrote(batch.length);
  }
  return createdIds;
}

const stateOf = (p: Existing): PegawaiState => ({
  nama: p.nama,
  golongan: golonganFromEnum(p.golongan),
  unitId: p.unitId,
  jabatanId: p.jabatanId,
  atasanId: p.atasanId,
  peran: normalisePeran(p.peran),
  bankNama: p.bankNama,
  rekening: p.rekening,
  gaji: p.gaji,
  statusPtkp: p.statusPtkp,
});

/** Each row's state against the data: the updates (a new pegawai's atasan too) and their audit rows, in file order. */
function whatChanges(rows: PegawaiRow[], data: Data, createdIds: Map<string, number>, opts: ImportOptions) {
  const idOf = (nip: string) => createdIds.get(nip) ?? data.pegawaiByNip.get(nip)!.id;
  const who = auditBy(opts);
  const updates: Update[] = [];
  const entries: AuditEntry[] = [];
  // Issue 11: pegawai whose jabatan the import changes (their old jabatan's targets end at the import's TMT).
  const pindahJabatan: number[] = [];
  let updated = 0;
  for (const r of rows) {
    const existing = data.pegawaiByNip.get(r.nip);
    const target: PegawaiState = {
      nama: r.nama,
      golongan: r.golongan,
      unitId: r.unitId,
      jabatanId: r.jabatanId,
      atasanId: r.nipAtasan ? idOf(r.nipAtasan) : null,
      peran: r.peran,
      bankNama: r.akun ? r.akun.bankNama : (existing?.bankNama ?? null),
      rekening: r.akun ? r.akun.rekening : (existing?.rekening ?? null),
      gaji: r.gaji ?? existing?.gaji ?? null,
      statusPtkp: r.statusPtkp ?? existing?.statusPtkp ?? null,
    };
    const id = idOf(r.nip);
    const objek = { ...who, action: 'pegawai.impor', objectType: 'pegawai', objectId: id };
    if (!existing) {
      if (target.atasanId != null) updates.push({ id, ...target });
      entries.push({ ...objek, after: { nip: r.nip, ...untukAudit(target) } });
      continue;
    }
    const before = stateOf(existing);
    if (JSON.stringify(before) === JSON.stringify(target)) continue;
    updated++;
    updates.push({ id, ...target });
    if (before.jabatanId !== target.jabatanId) pindahJabatan.push(id);
    entries.push({ ...objek, before: untukAudit(before), after: untukAudit(target) });
  }
  return { updates, entries, pindahJabatan, updated };
}

/** With a TMT a change is a mutasi (riwayat jabatan, the old jabatan's targets end); without, a correction in place. */
async function updatePegawai(
  tx: Prisma.TransactionClient,
  changes: { updates: Update[]; pindahJabatan: number[] },
  tmt: string | undefined,
  wrote: (n: number) => void,
): Promise<void> {
  for (const batch of chunks(changes.updates)) {
    if (tmt) await mutasiImpor(tx, batch, tmt);
    await updatePegawaiMany(tx, batch);
    wrote(batch.length);
  }
  if (tmt) for (const batch of chunks(changes.pindahJabatan)) await akhiriTargetJabatanLama(tx, batch, tmt);
}

/** One UPDATE for a batch of pegawai (unnest of parallel arrays): no query per row. */
async function updatePegawaiMany(tx: Prisma.TransactionClient, list: Update[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE pegawai AS p SET
      nama = v.nama, golongan = v.golongan::"Golongan", unit_id = v.unit_id, jabatan_id = v.jabatan_id,
      atasan_id = v.atasan_id, peran = v.peran::"Peran"[], bank_nama = v.bank_nama, rekening = v.rekening, gaji = v.gaji,
      status_ptkp = v.status_ptkp, updated_at = now()
    FROM unnest(${list.map((u) => u.id)}::int[], ${list.map((u) => u.nama)}::text[], ${list.map((u) => u.golongan)}::text[],
                ${list.map((u) => u.unitId)}::int[], ${list.map((u) => u.jabatanId)}::int[], ${list.map((u) => u.atasanId)}::int[],
                ${list.map((u) => `{${u.peran.join(',')}}`)}::text[], ${list.map((u) => u.bankNama)}::text[],
                ${list.map((u) => u.rekening)}::text[], ${list.map((u) => u.gaji)}::int[], ${list.map((u) => u.statusPtkp)}::text[])
      AS v(id, nama, golongan, unit_id, jabatan_id, atasan_id, peran, bank_nama, rekening, gaji, status_ptkp)
    WHERE p.id = v.id`;
}
