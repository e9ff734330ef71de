// CSV imports of pegawai and of Anjab, behind both the upload page and the command line (scripts/import-csv.ts).
// All or nothing: one transaction; any error in any row and nothing is written. Re-importing the same file changes
// nothing (pegawai matched by NIP, unit kerja by induk + nama, jabatan by unit + nama, uraian tugas by jabatan + uraian).
import { oneByOne } from '../db/one-by-one.ts';
import { prisma } from '../db/prisma.ts';
import {
  GOLONGAN,
  type GolonganLabel,
  golonganFromEnum,
  golonganToEnum,
  type JenisJabatanValue,
  keysOnCycles,
  normalisePeran,
  type PeranValue,
  parseGolongan,
  parseJenisJabatan,
  parsePeran,
} from '../domain/kepegawaian.ts';
import { decodeNip } from '../domain/nip.ts';
import { nomorRekening, salahNomorRekening, salahPasanganRekening, samarkanRekening } from '../domain/rekening.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { csvLine, type ImportError, readCsv } from '../lib/csv.ts';
import { hashTemporaryPassword, temporaryPassword } from '../lib/password.ts';
import { type AuditEntry, audit } from './audit.service.ts';
import { akhiriTargetJabatanLama, mutasiImpor } from './riwayat.service.ts';

export type { ImportError };

export const PEGAWAI_COLUMNS = ['nip', 'nama', 'golongan', 'unit_kerja', 'jabatan', 'nip_atasan', 'peran'] as const;
export const ANJAB_COLUMNS = [
  'induk_unit_kerja',
  'unit_kerja',
  'jabatan',
  'jenis_jabatan',
  'kelas_jabatan',
  'uraian_tugas',
  'hasil_kerja',
  'satuan_hasil',
  'volume_per_tahun',
  'norma_waktu_menit',
] as const;

export type Counts = { created: number; updated: number; unchanged: number };
export type TemporaryPassword = { nip: string; nama: string; password: string };
export type ImportResult = {
  ok: boolean;
  /** data rows read (header excluded) */
  rows: number;
  errors: ImportError[];
  counts: Partial<Record<'pegawai' | 'unitKerja' | 'jabatan' | 'uraianTugas', Counts>>;
  /** the temporary passwords of the accounts this import created: handed to the admin once, never stored */
  passwords: TemporaryPassword[];
  durationMs: number;
};

export type ImportOptions = {
  actorId: number | null;
  ip?: string | null;
  requestId?: string | null;
  /** e.g. a progress bar: called as rows are checked, passwords hashed, batches written */
  onProgress?: (phase: 'periksa' | 'password' | 'simpan', done: number, total: number) => void;
  /**
   * Pegawai file: the TMT (YYYY-MM-DD, the import's day) at which a changed jabatan, unit or atasan starts — the old
   * history row closes and a new one opens (issue 11). Without it a change corrects the current row in place.
   */
  tmt?: string;
};

const BATCH = 1000;
// Two imports at once would each see the other's rows as missing: one at a time.
const IMPORT_LOCK = 5_050_505;
const TX_OPTIONS = { timeout: 10 * 60_000, maxWait: 30_000 } as const;

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const chunks = <T>(list: T[], size = BATCH): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const failed = (rows: number, errors: ImportError[], started: number): ImportResult => ({
  ok: false,
  rows,
  errors: errors.sort((a, b) => a.baris - b.baris),
  counts: {},
  passwords: [],
  durationMs: performance.now() - started,
});

// ---------------------------------------------------------------------------------------------------------------
// Pegawai: nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran (and optionally tmt: the TMT in this Pemda of a new
// pegawai, YYYY-MM-DD; without it the TMT CPNS the NIP encodes; and bank,rekening: where TPP is paid, both or neither,
// the number digits only; both empty leaves an existing pegawai's account as it is)
// ---------------------------------------------------------------------------------------------------------------

type PegawaiRow = {
  baris: number;
  nip: string;
  nama: string;
  /** TMT in this Pemda (optional column `tmt`, default the TMT CPNS the NIP encodes): for a new pegawai */
  tmt: string | null;
  /** the account where TPP is paid, when the row gives one */
  akun: { bankNama: string; rekening: string } | null;
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
};
/** What the audit log keeps of a state: the account number masked (issue 22). */
const untukAudit = (s: PegawaiState) => ({ ...s, rekening: samarkanRekening(s.rekening) });

export async function importPegawaiCsv(text: string, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const csv = readCsv(text, PEGAWAI_COLUMNS, ['tmt', 'bank', 'rekening']);
  if (csv.errors.length > 0 && csv.rows.length === 0) return failed(0, csv.errors, started);
  const errors = [...csv.errors];
  const total = csv.rows.length + csv.errors.length;

  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)`;
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
          },
        }),
    ]);
    const unitsByName = new Map<string, typeof units>();
    for (const u of units) {
      for (const key of new Set([norm(u.nama), u.singkatan ? norm(u.singkatan) : ''])) {
        if (key) unitsByName.set(key, [...(unitsByName.get(key) ?? []), u]);
      }
    }
    const jabatanByUnit = new Map(jabatan.map((j) => [`${j.unitId}|${norm(j.nama)}`, j]));
    const pegawaiByNip = new Map(pegawai.map((p) => [p.nip, p]));

    // 1. Every row on its own.
    const rows: PegawaiRow[] = [];
    const seen = new Map<string, number>();
    for (const [i, { baris, values: v }] of csv.rows.entries()) {
      const err = (kolom: string, pesan: string) => errors.push({ baris, kolom, pesan });
      const before = errors.length;
      const nip = decodeNip(v.nip);
      if (!nip.ok) err('nip', v.nip ? `${nip.error} (${v.nip})` : 'NIP wajib diisi.');
      else if (seen.has(v.nip)) err('nip', `NIP ${v.nip} sudah ada pada baris ${seen.get(v.nip)}.`);
      else seen.set(v.nip, baris);
      const tmt = v.tmt ? v.tmt : nip.ok ? `${nip.info.tmtCpns}-01` : null;
      if (
        v.tmt &&
        (!/^\d{4}-\d{2}-\d{2}$/.test(v.tmt) ||
          Number.isNaN(Date.parse(`${v.tmt}T00:00:00Z`)) ||
          new Date(`${v.tmt}T00:00:00Z`).toISOString().slice(0, 10) !== v.tmt)
      )
        err('tmt', `TMT "${v.tmt}" tidak valid; tulis TTTT-BB-HH (mis. 2026-11-01).`);
      const rekening = nomorRekening(v.rekening);
      const bank = v.bank.replace(/\s+/g, ' ');
      const pasangan = salahPasanganRekening(bank, rekening);
      const salahNomor = rekening ? salahNomorRekening(rekening) : null;
      if (pasangan) err(pasangan.kolom, pasangan.pesan);
      else if (salahNomor) err('rekening', salahNomor);
      else if (bank.length > 60) err('bank', 'Nama bank paling banyak 60 huruf.');
      if (!v.nama) err('nama', 'Nama wajib diisi.');
      else if (v.nama.length > 150) err('nama', 'Nama paling panjang 150 karakter.');
      const golongan = v.golongan ? parseGolongan(v.golongan) : null;
      if (v.golongan && !golongan) err('golongan', `Golongan "${v.golongan}" tidak dikenal; tulis seperti III/a (I/a … IV/e).`);
      let unitId: number | null = null;
      const unitMatches = (unitsByName.get(norm(v.unit_kerja)) ?? []).filter((u) => u.aktif);
      if (!v.unit_kerja) err('unit_kerja', 'Unit kerja wajib diisi.');
      else if (unitMatches.length === 0) err('unit_kerja', `Unit kerja "${v.unit_kerja}" tidak ditemukan (atau tidak aktif).`);
      else if (unitMatches.length > 1)
        err('unit_kerja', `Nama unit kerja "${v.unit_kerja}" dipakai lebih dari satu unit; ubah namanya di menu Admin.`);
      else unitId = unitMatches[0].id;
      let jabatanId: number | null = null;
      if (v.jabatan && unitId != null) {
        const j = jabatanByUnit.get(`${unitId}|${norm(v.jabatan)}`);
        if (!j) err('jabatan', `Jabatan "${v.jabatan}" tidak ada di unit kerja "${v.unit_kerja}". Impor Anjab terlebih dahulu.`);
        else if (!j.aktif) err('jabatan', `Jabatan "${v.jabatan}" tidak aktif.`);
        else jabatanId = j.id;
      }
      if (v.nip_atasan && !/^\d{18}$/.test(v.nip_atasan)) err('nip_atasan', 'NIP atasan harus 18 digit angka.');
      else if (v.nip_atasan && v.nip_atasan === v.nip) err('nip_atasan', 'Pegawai tidak dapat menjadi atasan dirinya sendiri.');
      const peran = parsePeran(v.peran);
      if ('unknown' in peran) err('peran', `Peran "${peran.unknown}" tidak dikenal; pilih pegawai, pimpinan, admin (pisahkan dengan |).`);
      if (errors.length === before) {
        rows.push({
          baris,
          nip: v.nip,
          tmt,
          akun: rekening ? { bankNama: bank, rekening } : null,
          nama: v.nama.replace(/\s+/g, ' '),
          golongan,
          unitId: unitId!,
          jabatanId,
          nipAtasan: v.nip_atasan || null,
          peran: 'peran' in peran ? peran.peran : ['PEGAWAI'],
        });
      }
      if (i % 500 === 0) opts.onProgress?.('periksa', i, total);
    }

    // 2. Rows against each other and the database: the atasan exists, is active, and no chain loops.
    const inFile = new Map(rows.map((r) => [r.nip, r]));
    for (const r of rows) {
      if (!r.nipAtasan || inFile.has(r.nipAtasan)) continue;
      const atasan = pegawaiByNip.get(r.nipAtasan);
      if (!atasan)
        errors.push({ baris: r.baris, kolom: 'nip_atasan', pesan: `Atasan dengan NIP ${r.nipAtasan} tidak ada di berkas maupun di data.` });
      else if (!atasan.aktif) errors.push({ baris: r.baris, kolom: 'nip_atasan', pesan: `Atasan dengan NIP ${r.nipAtasan} tidak aktif.` });
    }
    const atasanOf = new Map<string, string | null>();
    const nipById = new Map(pegawai.map((p) => [p.id, p.nip]));
    for (const p of pegawai) atasanOf.set(p.nip, p.atasanId == null ? null : (nipById.get(p.atasanId) ?? null));
    for (const r of rows) atasanOf.set(r.nip, r.nipAtasan);
    const looped = keysOnCycles(atasanOf);
    for (const r of rows) {
      if (looped.has(r.nip)) {
        errors.push({ baris: r.baris, kolom: 'nip_atasan', pesan: `Rantai atasan berputar kembali ke pegawai ini (NIP ${r.nip}).` });
      }
    }
    opts.onProgress?.('periksa', total, total);
    if (errors.length > 0) return failed(csv.rows.length, errors, started);

    // 3. What changes.
    const fresh = rows.filter((r) => !pegawaiByNip.has(r.nip));
    const stateOf = (p: (typeof pegawai)[number]): PegawaiState => ({
      nama: p.nama,
      golongan: golonganFromEnum(p.golongan),
      unitId: p.unitId,
      jabatanId: p.jabatanId,
      atasanId: p.atasanId,
      peran: normalisePeran(p.peran),
      bankNama: p.bankNama,
      rekening: p.rekening,
    });
    const passwords: TemporaryPassword[] = [];
    const hashes: string[] = [];
    for (const [b, batch] of chunks(fresh, 8).entries()) {
      const plain = batch.map(() => temporaryPassword());
      hashes.push(...(await Promise.all(plain.map(hashTemporaryPassword)))); // argon2 runs on libuv's thread pool
      passwords.push(...batch.map((r, i) => ({ nip: r.nip, nama: r.nama, password: plain[i] })));
      if (b % 25 === 0) opts.onProgress?.('password', b * 8, fresh.length);
    }
    opts.onProgress?.('password', fresh.length, fresh.length);

    let written = 0;
    const toWrite = fresh.length + rows.length;
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
          passwordHash: hashes[b * BATCH + i],
          mustChangePassword: true,
        })),
        select: { id: true, nip: true },
      });
      for (const c of created) createdIds.set(c.nip, c.id);
      written += batch.length;
      opts.onProgress?.('simpan', written, toWrite);
    }
    const idOf = (nip: string) => createdIds.get(nip) ?? pegawaiByNip.get(nip)!.id;

    const updates: (PegawaiState & { id: number })[] = [];
    const entries: AuditEntry[] = [];
    const who = { actorId: opts.actorId, ip: opts.ip ?? null, requestId: opts.requestId ?? null };
    let updated = 0;
    // Issue 11: pegawai whose jabatan the import changes (their old jabatan's targets end at the import's TMT).
    const pindahJabatan: number[] = [];
    for (const r of rows) {
      const existing = pegawaiByNip.get(r.nip);
      const target: PegawaiState = {
        nama: r.nama,
        golongan: r.golongan,
        unitId: r.unitId,
        jabatanId: r.jabatanId,
        atasanId: r.nipAtasan ? idOf(r.nipAtasan) : null,
        peran: r.peran,
        bankNama: r.akun ? r.akun.bankNama : (existing?.bankNama ?? null),
        rekening: r.akun ? r.akun.rekening : (existing?.rekening ?? null),
      };
      const id = idOf(r.nip);
      if (!existing) {
        if (target.atasanId != null) updates.push({ id, ...target });
        entries.push({
          ...who,
          action: 'pegawai.impor',
          objectType: 'pegawai',
          objectId: id,
          after: { nip: r.nip, ...untukAudit(target) },
        });
        continue;
      }
      const before = stateOf(existing);
      if (JSON.stringify(before) === JSON.stringify(target)) continue;
      updated++;
      updates.push({ id, ...target });
      if (before.jabatanId !== target.jabatanId) pindahJabatan.push(id);
      entries.push({
        ...who,
        action: 'pegawai.impor',
        objectType: 'pegawai',
        objectId: id,
        before: untukAudit(before),
        after: untukAudit(target),
      });
    }
    for (const batch of chunks(updates)) {
      if (opts.tmt) await mutasiImpor(tx, batch, opts.tmt);
      await updatePegawaiMany(tx, batch);
      written += batch.length;
      opts.onProgress?.('simpan', written, toWrite);
    }
    if (opts.tmt) for (const batch of chunks(pindahJabatan)) await akhiriTargetJabatanLama(tx, batch, opts.tmt);
    const counts = { pegawai: { created: fresh.length, updated, unchanged: rows.length - fresh.length - updated } };
    entries.push({ ...who, action: 'impor.pegawai', objectType: 'impor', after: { baris: rows.length, ...counts } });
    for (const batch of chunks(entries)) await audit(tx, batch);
    opts.onProgress?.('simpan', toWrite, toWrite);
    return { ok: true, rows: rows.length, errors: [], counts, passwords, durationMs: performance.now() - started };
  }, TX_OPTIONS);
}

/** One UPDATE for a batch of pegawai (unnest of parallel arrays): no query per row. */
async function updatePegawaiMany(tx: Prisma.TransactionClient, list: (PegawaiState & { id: number })[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE pegawai AS p SET
      nama = v.nama, golongan = v.golongan::"Golongan", unit_id = v.unit_id, jabatan_id = v.jabatan_id,
      atasan_id = v.atasan_id, peran = v.peran::"Peran"[], bank_nama = v.bank_nama, rekening = v.rekening, updated_at = now()
    FROM unnest(${list.map((u) => u.id)}::int[], ${list.map((u) => u.nama)}::text[], ${list.map((u) => u.golongan)}::text[],
                ${list.map((u) => u.unitId)}::int[], ${list.map((u) => u.jabatanId)}::int[], ${list.map((u) => u.atasanId)}::int[],
                ${list.map((u) => `{${u.peran.join(',')}}`)}::text[], ${list.map((u) => u.bankNama)}::text[],
                ${list.map((u) => u.rekening)}::text[])
      AS v(id, nama, golongan, unit_id, jabatan_id, atasan_id, peran, bank_nama, rekening)
    WHERE p.id = v.id`;
}

// ---------------------------------------------------------------------------------------------------------------
// Anjab: induk_unit_kerja,unit_kerja,jabatan,jenis_jabatan,kelas_jabatan,uraian_tugas,hasil_kerja,satuan_hasil,
//        volume_per_tahun,norma_waktu_menit — one row per task (a jabatan without tasks: the task columns empty).
// ---------------------------------------------------------------------------------------------------------------

type AnjabRow = {
  baris: number;
  induk: string;
  unit: string;
  jabatan: string;
  jenis: JenisJabatanValue;
  kelas: number;
  tugas: { uraian: string; hasilKerja: string; satuanHasil: string; volume: number; norma: number } | null;
};

/** "1.250,5" (Indonesian) or "1250.5" → 1250.5; null when not a number. */
export function parseAngka(raw: string): number | null {
  let s = raw.replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replaceAll('.', '').replace(',', '.');
  else s = s.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

export async function importAnjabCsv(text: string, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const csv = readCsv(text, ANJAB_COLUMNS);
  if (csv.errors.length > 0 && csv.rows.length === 0) return failed(0, csv.errors, started);
  const errors = [...csv.errors];

  // 1. Every row on its own.
  const rows: AnjabRow[] = [];
  for (const { baris, values: v } of csv.rows) {
    const err = (kolom: string, pesan: string) => errors.push({ baris, kolom, pesan });
    const before = errors.length;
    if (!v.unit_kerja) err('unit_kerja', 'Unit kerja wajib diisi.');
    else if (v.unit_kerja.length > 200) err('unit_kerja', 'Nama unit kerja paling panjang 200 karakter.');
    if (!v.jabatan) err('jabatan', 'Jabatan wajib diisi.');
    else if (v.jabatan.length > 200) err('jabatan', 'Nama jabatan paling panjang 200 karakter.');
    const jenis = parseJenisJabatan(v.jenis_jabatan);
    if (!jenis)
      err(
        'jenis_jabatan',
        `Jenis jabatan "${v.jenis_jabatan}" tidak dikenal; pilih JPT, Administrator, Pengawas, Pelaksana atau Fungsional.`,
      );
    const kelas = /^\d{1,2}$/.test(v.kelas_jabatan) ? Number(v.kelas_jabatan) : Number.NaN;
    if (!(kelas >= 1 && kelas <= 17)) err('kelas_jabatan', 'Kelas jabatan harus bilangan bulat 1–17.');
    let tugas: AnjabRow['tugas'] = null;
    const taskCells = [v.uraian_tugas, v.hasil_kerja, v.satuan_hasil, v.volume_per_tahun, v.norma_waktu_menit];
    if (taskCells.some(Boolean)) {
      if (!v.uraian_tugas) err('uraian_tugas', 'Uraian tugas wajib diisi bila kolom tugas lain diisi.');
      else if (v.uraian_tugas.length > 500) err('uraian_tugas', 'Uraian tugas paling panjang 500 karakter.');
      if (!v.hasil_kerja) err('hasil_kerja', 'Hasil kerja wajib diisi.');
      else if (v.hasil_kerja.length > 200) err('hasil_kerja', 'Hasil kerja paling panjang 200 karakter.');
      if (!v.satuan_hasil) err('satuan_hasil', 'Satuan hasil wajib diisi.');
      else if (v.satuan_hasil.length > 60) err('satuan_hasil', 'Satuan hasil paling panjang 60 karakter.');
      const volume = parseAngka(v.volume_per_tahun);
      if (volume == null || volume >= 1e10) err('volume_per_tahun', `Volume per tahun "${v.volume_per_tahun}" bukan angka ≥ 0.`);
      const norma = /^\d{1,6}$/.test(v.norma_waktu_menit) ? Number(v.norma_waktu_menit) : 0;
      if (norma < 1) err('norma_waktu_menit', `Norma waktu "${v.norma_waktu_menit}" harus bilangan bulat menit ≥ 1.`);
      tugas = { uraian: v.uraian_tugas, hasilKerja: v.hasil_kerja, satuanHasil: v.satuan_hasil, volume: volume ?? 0, norma };
    }
    if (errors.length === before) {
      rows.push({ baris, induk: v.induk_unit_kerja, unit: v.unit_kerja, jabatan: v.jabatan, jenis: jenis!, kelas, tugas });
    }
  }
  opts.onProgress?.('periksa', csv.rows.length / 2, csv.rows.length);

  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)`;
    const [units, jabatan, tugas] = await oneByOne([
      () => tx.unitKerja.findMany({ select: { id: true, nama: true, indukId: true } }),
      () => tx.jabatan.findMany({ select: { id: true, nama: true, unitId: true, jenis: true, kelas: true } }),
      () =>
        tx.uraianTugas.findMany({
          select: {
            id: true,
            jabatanId: true,
            uraian: true,
            hasilKerja: true,
            satuanHasil: true,
            volumePerTahun: true,
            normaWaktu: true,
            urutan: true,
          },
        }),
    ]);
    const who = { actorId: opts.actorId, ip: opts.ip ?? null, requestId: opts.requestId ?? null };
    const entries: AuditEntry[] = [];

    // 2. Units: a unit is (induk name, name); an induk name must name exactly one unit, in the data or in the file.
    const unitNameById = new Map(units.map((u) => [u.id, u.nama]));
    const unitKey = (induk: string, nama: string) => `${norm(induk)}|${norm(nama)}`;
    const existingUnit = new Map(units.map((u) => [unitKey(u.indukId ? unitNameById.get(u.indukId)! : '', u.nama), u.id]));
    const fileUnits = new Map<string, { induk: string; nama: string; baris: number }>();
    for (const r of rows) {
      const k = unitKey(r.induk, r.unit);
      if (!fileUnits.has(k)) fileUnits.set(k, { induk: r.induk, nama: r.unit, baris: r.baris });
    }
    const namesCount = new Map<string, Set<string>>(); // name → unit keys carrying it
    const addName = (nama: string, key: string) => namesCount.set(norm(nama), (namesCount.get(norm(nama)) ?? new Set()).add(key));
    for (const [k, id] of existingUnit) addName(unitNameById.get(id)!, k);
    for (const [k, u] of fileUnits) addName(u.nama, k);
    for (const u of fileUnits.values()) {
      if (!u.induk) continue;
      const holders = namesCount.get(norm(u.induk));
      if (!holders)
        errors.push({
          baris: u.baris,
          kolom: 'induk_unit_kerja',
          pesan: `Induk unit kerja "${u.induk}" tidak ditemukan di data maupun di berkas.`,
        });
      else if (holders.size > 1)
        errors.push({ baris: u.baris, kolom: 'induk_unit_kerja', pesan: `Nama "${u.induk}" dipakai lebih dari satu unit kerja.` });
    }
    // Jabatan rows must agree on jenis and kelas; a task appears once per jabatan.
    const jabatanOfFile = new Map<string, AnjabRow>();
    const taskSeen = new Map<string, number>();
    for (const r of rows) {
      const jk = `${unitKey(r.induk, r.unit)}|${norm(r.jabatan)}`;
      const first = jabatanOfFile.get(jk);
      if (!first) jabatanOfFile.set(jk, r);
      else if (first.jenis !== r.jenis)
        errors.push({ baris: r.baris, kolom: 'jenis_jabatan', pesan: `Berbeda dengan baris ${first.baris} untuk jabatan yang sama.` });
      else if (first.kelas !== r.kelas)
        errors.push({ baris: r.baris, kolom: 'kelas_jabatan', pesan: `Berbeda dengan baris ${first.baris} untuk jabatan yang sama.` });
      if (r.tugas) {
        const tk = `${jk}|${r.tugas.uraian}`;
        if (taskSeen.has(tk))
          errors.push({ baris: r.baris, kolom: 'uraian_tugas', pesan: `Uraian tugas ini sudah ada pada baris ${taskSeen.get(tk)}.` });
        else taskSeen.set(tk, r.baris);
      }
    }
    opts.onProgress?.('periksa', csv.rows.length, csv.rows.length);
    if (errors.length > 0) return failed(csv.rows.length, errors, started);

    // Create missing units level by level (an induk before its children): one query per tree level.
    const unitIdByKey = new Map(existingUnit);
    const unitIdByName = new Map(units.map((u) => [norm(u.nama), u.id]));
    let pending = [...fileUnits.entries()].filter(([k]) => !unitIdByKey.has(k));
    const unitCreated = pending.length;
    while (pending.length > 0) {
      const ready = pending.filter(([, u]) => !u.induk || unitIdByName.has(norm(u.induk)));
      if (ready.length === 0) {
        return failed(
          csv.rows.length,
          pending.map(([, u]) => ({
            baris: u.baris,
            kolom: 'induk_unit_kerja',
            pesan: `Induk unit kerja "${u.induk}" membentuk lingkaran.`,
          })),
          started,
        );
      }
      const created = await tx.unitKerja.createManyAndReturn({
        data: ready.map(([, u]) => ({ nama: u.nama, indukId: u.induk ? unitIdByName.get(norm(u.induk))! : null })),
        select: { id: true, nama: true, indukId: true },
      });
      for (const c of created) {
        unitIdByKey.set(unitKey(c.indukId ? (unitNameById.get(c.indukId) ?? '') : '', c.nama), c.id);
        unitNameById.set(c.id, c.nama);
        unitIdByName.set(norm(c.nama), c.id);
        entries.push({ ...who, action: 'unitKerja.impor', objectType: 'unitKerja', objectId: c.id, after: c });
      }
      pending = pending.filter(([k]) => !unitIdByKey.has(k));
    }

    // 3. Jabatan: new ones in one insert; changed jenis/kelas in one update.
    const jabatanByKey = new Map(jabatan.map((j) => [`${j.unitId}|${norm(j.nama)}`, j]));
    const jabatanIdOf = new Map<string, number>(); // file jabatan key → id
    const newJabatan: { key: string; r: AnjabRow; unitId: number }[] = [];
    const changedJabatan: { id: number; jenis: JenisJabatanValue; kelas: number }[] = [];
    for (const [jk, r] of jabatanOfFile) {
      const unitId = unitIdByKey.get(unitKey(r.induk, r.unit))!;
      const found = jabatanByKey.get(`${unitId}|${norm(r.jabatan)}`);
      if (!found) {
        newJabatan.push({ key: jk, r, unitId });
        continue;
      }
      jabatanIdOf.set(jk, found.id);
      if (found.jenis !== r.jenis || found.kelas !== r.kelas) {
        changedJabatan.push({ id: found.id, jenis: r.jenis, kelas: r.kelas });
        entries.push({
          ...who,
          action: 'jabatan.impor',
          objectType: 'jabatan',
          objectId: found.id,
          before: { jenis: found.jenis, kelas: found.kelas },
          after: { jenis: r.jenis, kelas: r.kelas },
        });
      }
    }
    for (const batch of chunks(newJabatan)) {
      const created = await tx.jabatan.createManyAndReturn({
        data: batch.map(({ r, unitId }) => ({ nama: r.jabatan, jenis: r.jenis, kelas: r.kelas, unitId })),
        select: { id: true, nama: true, unitId: true, jenis: true, kelas: true },
      });
      const byKey = new Map(created.map((c) => [`${c.unitId}|${norm(c.nama)}`, c]));
      for (const { key, r, unitId } of batch) {
        const c = byKey.get(`${unitId}|${norm(r.jabatan)}`)!;
        jabatanIdOf.set(key, c.id);
        entries.push({ ...who, action: 'jabatan.impor', objectType: 'jabatan', objectId: c.id, after: c });
      }
    }
    if (changedJabatan.length > 0) {
      await tx.$executeRaw`
        UPDATE jabatan AS j SET jenis = v.jenis::"JenisJabatan", kelas = v.kelas, updated_at = now()
        FROM unnest(${changedJabatan.map((c) => c.id)}::int[], ${changedJabatan.map((c) => c.jenis)}::text[],
                    ${changedJabatan.map((c) => c.kelas)}::int[]) AS v(id, jenis, kelas)
        WHERE j.id = v.id`;
    }

    // 4. Uraian tugas: matched by jabatan + uraian (exact text).
    const tugasByKey = new Map(tugas.map((t) => [`${t.jabatanId}|${t.uraian}`, t]));
    const nextUrutan = new Map<number, number>();
    for (const t of tugas) nextUrutan.set(t.jabatanId, Math.max(nextUrutan.get(t.jabatanId) ?? 0, t.urutan + 1));
    const newTugas: Prisma.UraianTugasCreateManyInput[] = [];
    const changedTugas: { id: number; hasilKerja: string; satuanHasil: string; volume: number; norma: number }[] = [];
    let tugasUnchanged = 0;
    for (const r of rows) {
      if (!r.tugas) continue;
      const jabatanId = jabatanIdOf.get(`${unitKey(r.induk, r.unit)}|${norm(r.jabatan)}`)!;
      const t = r.tugas;
      const found = tugasByKey.get(`${jabatanId}|${t.uraian}`);
      if (!found) {
        const urutan = nextUrutan.get(jabatanId) ?? 0;
        nextUrutan.set(jabatanId, urutan + 1);
        newTugas.push({
          jabatanId,
          uraian: t.uraian,
          hasilKerja: t.hasilKerja,
          satuanHasil: t.satuanHasil,
          volumePerTahun: t.volume,
          normaWaktu: t.norma,
          urutan,
        });
        continue;
      }
      const before = {
        hasilKerja: found.hasilKerja,
        satuanHasil: found.satuanHasil,
        volumePerTahun: Number(found.volumePerTahun),
        normaWaktu: found.normaWaktu,
      };
      const after = { hasilKerja: t.hasilKerja, satuanHasil: t.satuanHasil, volumePerTahun: t.volume, normaWaktu: t.norma };
      if (JSON.stringify(before) === JSON.stringify(after)) {
        tugasUnchanged++;
        continue;
      }
      changedTugas.push({ id: found.id, ...t });
      entries.push({ ...who, action: 'uraianTugas.impor', objectType: 'uraianTugas', objectId: found.id, before, after });
    }
    for (const batch of chunks(newTugas)) {
      const created = await tx.uraianTugas.createManyAndReturn({ data: batch, select: { id: true, jabatanId: true, uraian: true } });
      for (const c of created) entries.push({ ...who, action: 'uraianTugas.impor', objectType: 'uraianTugas', objectId: c.id, after: c });
    }
    for (const batch of chunks(changedTugas)) {
      await tx.$executeRaw`
        UPDATE uraian_tugas AS t SET hasil_kerja = v.hasil, satuan_hasil = v.satuan, volume_per_tahun = v.volume,
          norma_waktu = v.norma, updated_at = now()
        FROM unnest(${batch.map((c) => c.id)}::int[], ${batch.map((c) => c.hasilKerja)}::text[], ${batch.map((c) => c.satuanHasil)}::text[],
                    ${batch.map((c) => c.volume)}::numeric[], ${batch.map((c) => c.norma)}::int[]) AS v(id, hasil, satuan, volume, norma)
        WHERE t.id = v.id`;
    }

    const counts = {
      unitKerja: { created: unitCreated, updated: 0, unchanged: fileUnits.size - unitCreated },
      jabatan: {
        created: newJabatan.length,
        updated: changedJabatan.length,
        unchanged: jabatanOfFile.size - newJabatan.length - changedJabatan.length,
      },
      uraianTugas: { created: newTugas.length, updated: changedTugas.length, unchanged: tugasUnchanged },
    };
    entries.push({ ...who, action: 'impor.anjab', objectType: 'impor', after: { baris: rows.length, ...counts } });
    for (const batch of chunks(entries)) await audit(tx, batch);
    opts.onProgress?.('simpan', 1, 1);
    return { ok: true, rows: rows.length, errors: [], counts, passwords: [], durationMs: performance.now() - started };
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------------------------------
// Files handed to the admin
// ---------------------------------------------------------------------------------------------------------------

const BOM = '\uFEFF'; // Excel opens UTF-8 correctly only with it

/** The downloadable templates: semicolons, as Indonesian Excel writes and opens them. */
export const TEMPLATE_PEGAWAI =
  BOM +
  [
    csvLine([...PEGAWAI_COLUMNS]),
    csvLine([
      '198001012005011001',
      'Contoh Kepala Dinas, S.Kom., M.T.',
      'IV/b',
      'Dinas Komunikasi dan Informatika',
      'Kepala Dinas Komunikasi dan Informatika',
      '',
      'pimpinan|admin',
    ]),
    csvLine([
      '199505052020122001',
      'Contoh Pelaksana, A.Md.',
      'II/c',
      'Seksi Pengembangan Aplikasi',
      'Pengelola Sistem Informasi',
      '198001012005011001',
      'pegawai',
    ]),
  ].join('\r\n') +
  '\r\n';

/** The Anjab template builds its own small tree: a root, a dinas, a bidang, a seksi; one row per task. */
export const TEMPLATE_ANJAB =
  BOM +
  [
    csvLine([...ANJAB_COLUMNS]),
    csvLine(['', 'Pemerintah Kabupaten Sukamaju', 'Sekretaris Daerah', 'JPT', 15, '', '', '', '', '']),
    csvLine([
      'Pemerintah Kabupaten Sukamaju',
      'Dinas Komunikasi dan Informatika',
      'Kepala Dinas Komunikasi dan Informatika',
      'JPT',
      14,
      '',
      '',
      '',
      '',
      '',
    ]),
    csvLine([
      'Dinas Komunikasi dan Informatika',
      'Bidang Aplikasi Informatika',
      'Kepala Bidang Aplikasi Informatika',
      'Administrator',
      11,
      '',
      '',
      '',
      '',
      '',
    ]),
    csvLine([
      'Bidang Aplikasi Informatika',
      'Seksi Pengembangan Aplikasi',
      'Pengelola Sistem Informasi',
      'Pelaksana',
      7,
      'Melakukan pemeliharaan aplikasi perangkat daerah',
      'Laporan pemeliharaan aplikasi',
      'Laporan',
      48,
      180,
    ]),
  ].join('\r\n') +
  '\r\n';

/** The temporary passwords of new accounts, as the one file the admin downloads (then hands out and deletes). */
export function passwordsCsv(list: TemporaryPassword[]): string {
  return (
    BOM + [csvLine(['nip', 'nama', 'password_sementara']), ...list.map((p) => csvLine([p.nip, p.nama, p.password]))].join('\r\n') + '\r\n'
  );
}

export const GOLONGAN_LIST = GOLONGAN;
