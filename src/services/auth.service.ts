import argon2 from 'argon2';
import { pool, prisma, sessionPool } from '../db/prisma.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { menuVerifikasiSql } from './verifikasi.service.ts';

// argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1) raised to m=64 MiB, t=3: ~60 ms here.
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

// Verifying against this hash when the NIP is unknown keeps both answers equally slow (no NIP enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Checks a NIP and password; returns the pegawai id and session version, or null — one answer for every failure. */
export async function checkCredentials(nip: string, password: string): Promise<{ id: number; sessionVersion: number } | null> {
  const pegawai = await prisma.pegawai.findUnique({
    where: { nip },
    select: { id: true, passwordHash: true, aktif: true, sessionVersion: true },
  });
  if (!pegawai) {
    dummyHash ??= hashPassword('tidak-ada-pegawai-dengan-nip-ini');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(pegawai.passwordHash, password).catch(() => false);
  if (!ok || !pegawai.aktif) return null;
  return { id: pegawai.id, sessionVersion: pegawai.sessionVersion };
}

type UserRow = {
  id: number;
  nip: string;
  nama: string;
  peran: string[];
  atasan_id: number | null;
  unit_id: number | null;
  must_change_password: boolean;
  jabatan_id: number | null;
  jabatan_nama: string | null;
  unit_nama: string | null;
  jumlah_bawahan: number;
};

// Read on every signed-in request, so one statement (pegawai, jabatan, unit and the count of active subordinates
// together) and a named, prepared statement on the pool under Prisma. An inactive pegawai or a moved session
// version (password changed, deactivated, reset) finds no row: that session is signed out.
const CURRENT_USER = `
  SELECT p.id, p.nip, p.nama, p.peran::text[] AS peran, p.atasan_id, p.unit_id, p.must_change_password,
         p.jabatan_id, j.nama AS jabatan_nama, u.nama AS unit_nama,
         (SELECT count(*)::int FROM pegawai b WHERE b.atasan_id = p.id AND b.aktif) AS jumlah_bawahan
  FROM pegawai p
  LEFT JOIN jabatan j ON j.id = p.jabatan_id
  LEFT JOIN unit_kerja u ON u.id = p.unit_id
  WHERE p.id = $1 AND p.aktif AND p.session_version = $2`;

/** The signed-in pegawai as every request sees it: read fresh each request, so a new atasan or role applies at once. */
export async function loadCurrentUser(id: number, sessionVersion: number): Promise<Express.User | null> {
  const { rows } = await pool.query<UserRow>({ name: 'current_user', text: CURRENT_USER, values: [id, sessionVersion] });
  return rows[0] ? toUser(rows[0], sessionVersion) : null;
}

// The session and its pegawai in ONE statement (issue 12: a signed-in page costs the session, the page, and little
// else). The pegawai is the one named in the session, at the session's version, and active; else no user columns.
// The row comes as text (an instance keeps it as it is: middleware/session-cache.ts) with the milliseconds it has left.
const SESSION_WITH_USER = `
  SELECT s.sess::text AS sess, (extract(epoch FROM s.expire - now()) * 1000)::float8 AS sisa_ms,
         (s.sess #>> '{passport,user,v}')::int AS v, p.id, p.nip, p.nama, p.peran::text[] AS peran, p.atasan_id,
         p.unit_id, p.must_change_password, p.jabatan_id, j.nama AS jabatan_nama, u.nama AS unit_nama,
         (SELECT count(*)::int FROM pegawai b WHERE b.atasan_id = p.id AND b.aktif) AS jumlah_bawahan
  FROM session s
  LEFT JOIN pegawai p
    ON (s.sess #>> '{passport,user,id}') ~ '^[0-9]{1,9}$' AND (s.sess #>> '{passport,user,v}') ~ '^[0-9]{1,9}$'
   AND p.id = (s.sess #>> '{passport,user,id}')::int AND p.session_version = (s.sess #>> '{passport,user,v}')::int AND p.aktif
  LEFT JOIN jabatan j ON j.id = p.jabatan_id
  LEFT JOIN unit_kerja u ON u.id = p.unit_id
  WHERE s.sid = `;
const SESSION_LIVE = ' AND s.expire >= now()';

export type MenuVerifikasi = { ada: boolean; menunggu: number; target: number };
/** The menu's badges with the pegawai whose entries they count (an instance keeping them drops them when those change). */
export type MenuDenganPegawai = { menu: MenuVerifikasi; pegawai: number[] };
type PejabatPuncak = { unitId: number; nip: string }[];
type MenuRow = { jendela: number; menunggu: number; target: number; pegawai: number[] };
const menuOf = (r: MenuRow): MenuDenganPegawai => ({
  menu: { ada: r.jendela > 0, menunggu: r.menunggu ?? 0, target: r.target ?? 0 },
  pegawai: r.pegawai ?? [],
});
// the windows' dates are calendar days: sent as YYYY-MM-DD (pg would send a Date in the process's zone)
const dayValues = (values: unknown[]) => values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));

export type SessionWithUser = {
  sess: unknown;
  /** The row as stored (JSON text). */
  text: string;
  /** Milliseconds until the row expires, by the database's clock. */
  sisaMs: number;
  user: Express.User | null;
  menu?: MenuDenganPegawai;
};

/**
 * A stored session (or null when missing or expired) with the pegawai it signs in (null: none, or no longer valid).
 * With `menu` (a page view: today and the settings' pejabat puncak), the same statement also counts the Verifikasi
 * menu's badge for that pegawai (services/verifikasi.service.ts), so the menu costs no statement of its own.
 */
export async function loadSessionWithUser(
  sid: string,
  menu?: { today: string; pejabatPuncak: PejabatPuncak },
): Promise<SessionWithUser | null> {
  type Row = UserRow & { sess: string; sisa_ms: number; v: number | null } & Partial<MenuRow>;
  let rows: Row[];
  if (menu) {
    const actor = Prisma.sql`(SELECT CASE WHEN (sess #>> '{passport,user,id}') ~ '^[0-9]{1,9}$' THEN (sess #>> '{passport,user,id}')::int END
      FROM session WHERE sid = ${sid})`;
    const q = Prisma.sql`SELECT x.*, m.jendela, m.menunggu, m.target, m.pegawai
      FROM (${Prisma.raw(SESSION_WITH_USER)}${sid}${Prisma.raw(SESSION_LIVE)}) x
      CROSS JOIN (${menuVerifikasiSql(actor, menu.today, menu.pejabatPuncak)}) m`;
    rows = (await sessionPool.query<Row>({ name: 'session_with_menu', text: q.text, values: dayValues(q.values) })).rows;
  } else {
    rows = (await sessionPool.query<Row>({ name: 'session_with_user', text: `${SESSION_WITH_USER}$1${SESSION_LIVE}`, values: [sid] })).rows;
  }
  const r = rows[0];
  if (!r) return null;
  const user = r.id ? toUser(r, r.v ?? 0) : null;
  return {
    sess: JSON.parse(r.sess),
    text: r.sess,
    sisaMs: r.sisa_ms,
    user,
    ...(user && r.jendela !== undefined ? { menu: menuOf(r as MenuRow) } : {}),
  };
}

/**
 * The Verifikasi menu's badges of one pegawai, on the session's pool (its short lock_timeout: while realisasi is locked
 * the page shows without them rather than waiting).
 */
export async function loadMenu(pegawaiId: number, today: string, pejabatPuncak: PejabatPuncak): Promise<MenuDenganPegawai> {
  const q = menuVerifikasiSql(pegawaiId, today, pejabatPuncak);
  const { rows } = await sessionPool.query<MenuRow>({ name: 'menu_verifikasi', text: q.text, values: dayValues(q.values) });
  return menuOf(rows[0]);
}

function toUser(p: UserRow, sessionVersion: number): Express.User {
  return {
    id: p.id,
    nip: p.nip,
    nama: p.nama,
    peran: p.peran,
    isAdmin: p.peran.includes('ADMIN'),
    isPimpinan: p.peran.includes('PIMPINAN'),
    jabatanId: p.jabatan_id,
    jabatanNama: p.jabatan_nama,
    unitNama: p.unit_nama,
    unitId: p.unit_id,
    atasanId: p.atasan_id,
    jumlahBawahan: p.jumlah_bawahan,
    mustChangePassword: p.must_change_password,
    sessionVersion,
  };
}
