import type { Env } from '../../config/env.ts';
import type { RecordSiasn } from './siasn-format.ts';

/**
 * The one door to the national SIASN web service (issue 19 §3; docs/siasn.md "Adapter"). Nothing else in the app
 * speaks to BKN; the rest hands this module records of the export (siasn-format.ts) and gets an outcome per row.
 *
 * Contract
 * - Configuration (src/config/env.ts, all or none): SIASN_API_URL (the API base, e.g. …:8243/apisiasn/1.0),
 *   SIASN_TOKEN_URL (the WSO2 token endpoint), SIASN_CONSUMER_KEY / SIASN_CONSUMER_SECRET (client credentials of the
 *   instansi), SIASN_SSO_TOKEN (the operator's SSO access token); SIASN_TIMEOUT_MS, SIASN_RETRIES, SIASN_CONCURRENCY.
 * - Every API request carries `Authorization: Bearer <WSO2 token>` and `Auth: bearer <SSO token>` (the two tokens the
 *   public SDKs send). The WSO2 token is fetched once per adapter and fetched again once on a 401.
 * - Per row: the pegawai's SIASN id (GET /pns/data-utama/{nip}) unless known; the national record's id unless known,
 *   looked up among the pegawai's records (GET /pns/rw-kinerjaperiodik/{nip}, or /pns/rw-skp22/{nip} for the year)
 *   by year and months; then POST /kinerjaperiodik/save (a month) or /skp22/save (the year) with that id when there
 *   is one, so the service updates the record instead of adding a second. That lookup is the idempotency: a resend,
 *   or a retry after a save that timed out but did arrive, finds the record and updates it.
 * - Each request waits at most SIASN_TIMEOUT_MS; a timeout, a network error, a 429 or a 5xx is tried again up to
 *   SIASN_RETRIES times with a growing pause (a save is retried only after the lookup above). A 4xx or an answer
 *   `success: false` is that row's error, with the service's message; the other rows go on.
 * - Returns one outcome per row, in the rows' order: ok with the ids learnt, or the message to show next to that
 *   pegawai. Throws SiasnTidakTersedia only when nothing can be sent (credentials refused, token endpoint unreachable).
 */

export type KonfigurasiSiasn = {
  apiUrl: string;
  tokenUrl: string;
  consumerKey: string;
  consumerSecret: string;
  ssoToken: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
};

type EnvSiasn = Pick<
  Env,
  | 'SIASN_API_URL'
  | 'SIASN_TOKEN_URL'
  | 'SIASN_CONSUMER_KEY'
  | 'SIASN_CONSUMER_SECRET'
  | 'SIASN_SSO_TOKEN'
  | 'SIASN_TIMEOUT_MS'
  | 'SIASN_RETRIES'
  | 'SIASN_CONCURRENCY'
>;

/** The adapter's configuration from the environment, or null when sending is not configured. */
export function konfigurasiSiasn(env: EnvSiasn): KonfigurasiSiasn | null {
  const { SIASN_API_URL, SIASN_TOKEN_URL, SIASN_CONSUMER_KEY, SIASN_CONSUMER_SECRET, SIASN_SSO_TOKEN } = env;
  if (!SIASN_API_URL || !SIASN_TOKEN_URL || !SIASN_CONSUMER_KEY || !SIASN_CONSUMER_SECRET || !SIASN_SSO_TOKEN) return null;
  return {
    apiUrl: SIASN_API_URL.replace(/\/+$/, ''),
    tokenUrl: SIASN_TOKEN_URL,
    consumerKey: SIASN_CONSUMER_KEY,
    consumerSecret: SIASN_CONSUMER_SECRET,
    ssoToken: SIASN_SSO_TOKEN,
    timeoutMs: env.SIASN_TIMEOUT_MS,
    retries: env.SIASN_RETRIES,
    concurrency: env.SIASN_CONCURRENCY,
  };
}

export type BarisKirim = {
  /** the caller's key of the row (returned with its outcome) */
  kunci: string;
  record: RecordSiasn;
  /** the pegawai's SIASN id when known from an earlier send */
  pnsId: string | null;
  /** the national record's id when known from an earlier send */
  riwayatId: string | null;
};

export type HasilKirim = {
  kunci: string;
  ok: boolean;
  pnsId: string | null;
  riwayatId: string | null;
  /** the service's message (or ours) for a row that failed */
  pesan: string | null;
};

/** Nothing can be sent: the credentials were refused, or the token endpoint cannot be reached. */
export class SiasnTidakTersedia extends Error {}

/** A failure worth trying again (timeout, network, 429, 5xx). */
class Sementara extends Error {}

type Jawaban = { status: number; json: Record<string, unknown> | null };

export type OpsiAdapter = { fetch?: typeof fetch; jeda?: (ms: number) => Promise<void> };

const tidur = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export function adapterSiasn(k: KonfigurasiSiasn, opsi: OpsiAdapter = {}) {
  const ambil = opsi.fetch ?? fetch;
  const jeda = opsi.jeda ?? tidur;
  const pause = (n: number) => jeda(Math.min(250 * 2 ** n, 4000));
  let token: Promise<string> | null = null;

  async function mintaToken(): Promise<string> {
    const basic = Buffer.from(`${k.consumerKey}:${k.consumerSecret}`).toString('base64');
    for (let n = 0; ; n++) {
      let res: Response;
      try {
        res = await ambil(k.tokenUrl, {
          method: 'POST',
          headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: 'grant_type=client_credentials',
          signal: AbortSignal.timeout(k.timeoutMs),
        });
      } catch {
        if (n >= k.retries) throw new SiasnTidakTersedia('Layanan token SIASN tidak dapat dihubungi. Coba lagi nanti.');
        await pause(n);
        continue;
      }
      if (res.status >= 500 && n < k.retries) {
        await pause(n);
        continue;
      }
      const json = (await res.json().catch(() => null)) as { access_token?: unknown } | null;
      if (!res.ok || typeof json?.access_token !== 'string')
        throw new SiasnTidakTersedia(
          `Kredensial SIASN ditolak (HTTP ${res.status}): periksa SIASN_CONSUMER_KEY dan SIASN_CONSUMER_SECRET.`,
        );
      return json.access_token;
    }
  }
  const wso = (baru = false): Promise<string> => {
    if (baru || !token) {
      const t = mintaToken();
      token = t;
      t.catch(() => {
        if (token === t) token = null;
      });
    }
    return token as Promise<string>;
  };

  /** One API request; `ulang`: also retry temporary failures here (GETs; a save is retried by its caller). */
  async function panggil(method: 'GET' | 'POST', path: string, body?: object, ulang = true): Promise<Jawaban> {
    let diperbarui = false;
    for (let n = 0; ; n++) {
      let res: Response;
      try {
        res = await ambil(`${k.apiUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${await wso()}`,
            Auth: `bearer ${k.ssoToken}`,
            Accept: 'application/json',
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(k.timeoutMs),
        });
      } catch (e) {
        if (e instanceof SiasnTidakTersedia) throw e;
        const pesan = `SIASN tidak menjawab dalam ${k.timeoutMs / 1000} detik atau tidak dapat dihubungi`;
        if (!ulang || n >= k.retries) throw new Sementara(`${pesan} (${n + 1} kali dicoba).`);
        await pause(n);
        continue;
      }
      if (res.status === 401 && !diperbarui) {
        diperbarui = true;
        await wso(true);
        n--;
        continue;
      }
      if (res.status === 401) throw new SiasnTidakTersedia('SIASN menolak token (HTTP 401): perbarui SIASN_SSO_TOKEN.');
      if (res.status === 429 || res.status >= 500) {
        if (!ulang || n >= k.retries) throw new Sementara(`SIASN sedang bermasalah (HTTP ${res.status}, ${n + 1} kali dicoba).`);
        await pause(n);
        continue;
      }
      return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
    }
  }

  const data = (j: Jawaban) => (j.json?.data ?? null) as unknown;
  const teks = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  const bulanan = (r: RecordSiasn) => r.periodikId !== null;

  /** The national record of this row's period among the pegawai's records, or null. */
  async function cari(r: RecordSiasn): Promise<string | null> {
    const j = await panggil('GET', `/pns/${bulanan(r) ? 'rw-kinerjaperiodik' : 'rw-skp22'}/${r.nipBaru}`);
    const list = data(j);
    if (!Array.isArray(list)) return null;
    const sama = (d: Record<string, unknown>) =>
      Number(d.tahun) === r.tahun &&
      (!bulanan(r) ||
        (Number(d.bulanMulaiPenilaian) === r.bulanMulaiPenilaian &&
          Number(d.bulanSelesaiPenilaian) === r.bulanSelesaiPenilaian &&
          Number(d.tahunMulaiPenilaian ?? r.tahun) === r.tahunMulaiPenilaian));
    const hit = (list as Record<string, unknown>[]).find((d) => d && typeof d === 'object' && sama(d));
    return hit ? teks(hit.id) : null;
  }

  /** The request body of the row's service, in its own field names. */
  function tubuh(r: RecordSiasn, pnsId: string, riwayatId: string | null): Record<string, unknown> {
    const s = (v: string | null) => v ?? '';
    const penilai = { penilaiNipNrp: s(r.penilaiNipNrp), penilaiNama: s(r.penilaiNama), penilaiGolongan: s(r.penilaiGolongan) };
    const id = riwayatId ? { id: riwayatId } : {};
    if (!bulanan(r))
      return {
        ...id,
        pnsDinilaiOrang: pnsId,
        tahun: r.tahun,
        hasilKinerjaNilai: r.hasilKinerjaNilai,
        perilakuKerjaNilai: r.perilakuKerjaNilai,
        kuadranKinerjaNilai: r.kuadranKinerjaNilai,
        statusPenilai: r.statusPenilai,
        ...penilai,
        penilaiJabatan: s(r.penilaiJabatanNama),
        penilaiUnorNama: s(r.penilaiUnorNama),
      };
    return {
      ...id,
      pnsDinilaiId: pnsId,
      tahun: r.tahun,
      periodikId: String(r.periodikId),
      bulanMulaiPenilaian: r.bulanMulaiPenilaian,
      tahunMulaiPenilaian: r.tahunMulaiPenilaian,
      bulanSelesaiPenilaian: r.bulanSelesaiPenilaian,
      tahunSelesaiPenilaian: r.tahunSelesaiPenilaian,
      hasilKinerjaNilai: r.hasilKinerjaNilai,
      perilakuKerjaNilai: r.perilakuKerjaNilai,
      kuadranKinerjaNilai: r.kuadranKinerjaNilai,
      statusPenilai: r.statusPenilai,
      ...penilai,
      penilaiJabatanNama: s(r.penilaiJabatanNama),
      penilaiUnorNama: s(r.penilaiUnorNama),
      ...(r.koefisienId ? { koefisienId: r.koefisienId } : {}),
    };
  }

  /** The saved record's id in the answer: `mapData` is the id itself, or an object holding it. */
  function idDari(mapData: unknown): string | null {
    if (typeof mapData === 'string' || typeof mapData === 'number') return String(mapData);
    if (mapData && typeof mapData === 'object') {
      for (const [key, v] of Object.entries(mapData)) if (/id$/i.test(key) && teks(v)) return teks(v);
    }
    return null;
  }

  async function satu(b: BarisKirim): Promise<HasilKirim> {
    let { pnsId, riwayatId } = b;
    const gagal = (pesan: string): HasilKirim => ({ kunci: b.kunci, ok: false, pnsId, riwayatId, pesan });
    try {
      if (!pnsId) {
        const j = await panggil('GET', `/pns/data-utama/${b.record.nipBaru}`);
        pnsId = teks((data(j) as Record<string, unknown> | null)?.id);
        if (!pnsId) return gagal(`NIP ${b.record.nipBaru} tidak ditemukan di SIASN.`);
      }
      riwayatId ??= await cari(b.record);
      const path = bulanan(b.record) ? '/kinerjaperiodik/save' : '/skp22/save';
      for (let n = 0; ; n++) {
        try {
          const j = await panggil('POST', path, tubuh(b.record, pnsId, riwayatId), false);
          if (j.status < 300 && j.json?.success === true) {
            riwayatId = idDari(j.json.mapData) ?? riwayatId;
            return { kunci: b.kunci, ok: true, pnsId, riwayatId, pesan: null };
          }
          return gagal(teks(j.json?.message) ?? `SIASN menolak data ini (HTTP ${j.status}).`);
        } catch (e) {
          if (!(e instanceof Sementara) || n >= k.retries) throw e;
          await pause(n);
          // the save that timed out may have arrived: find it, and update it rather than add a second
          riwayatId ??= await cari(b.record);
        }
      }
    } catch (e) {
      if (e instanceof Sementara) return gagal(e.message);
      throw e;
    }
  }

  return {
    /**
     * Sends the rows, `concurrency` at a time; `tiap` is called with each finished group of outcomes (to record them
     * as the send goes on). Resolves with every outcome in the rows' order.
     */
    async kirim(rows: BarisKirim[], tiap?: (hasil: HasilKirim[]) => Promise<void>): Promise<HasilKirim[]> {
      await wso();
      const out: HasilKirim[] = [];
      const potongan = Math.max(k.concurrency * 5, 1);
      for (let i = 0; i < rows.length; i += potongan) {
        const grup = rows.slice(i, i + potongan);
        const hasil: HasilKirim[] = new Array(grup.length);
        let next = 0;
        const pekerja = async () => {
          while (next < grup.length) {
            const j = next++;
            hasil[j] = await satu(grup[j]);
          }
        };
        await Promise.all(Array.from({ length: Math.min(k.concurrency, grup.length) }, pekerja));
        if (tiap) await tiap(hasil);
        out.push(...hasil);
      }
      return out;
    },
  };
}

export type AdapterSiasn = ReturnType<typeof adapterSiasn>;
