import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { todayIn } from '../domain/periode.ts';
import { bulanMulai, tahunRencana } from '../domain/target.ts';
import { rhkPegawai } from '../features/skp/skp.service.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { auditContext } from '../services/audit.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import * as target from '../services/target.service.ts';
import { salinTargetSchema, targetBaruTahunSchema, ubahTargetSchema } from '../validation/target.schema.ts';

export function realisasiTahunanController(env: Env) {
  const today = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);
  const rencana = async (hariIni: string) => tahunRencana(hariIni, (await getSettings()).rencanaTahunDepanBulan);
  const pelaku = (req: Request) => ({ pegawaiId: req.user!.id, now: req.now, fallbackTz: env.APP_TIMEZONE, audit: auditContext(req) });

  const renderBaru = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) => {
    const hariIni = await today(req);
    const tahunPilihan = await rencana(hariIni);
    const tahun = tahunPilihan.includes(Number(values.tahun)) ? Number(values.tahun) : tahunPilihan[0];
    const { jabatan, tugas } = await target.kegiatanTugasJabatan(req.user!.id);
    // issue 19: the RHK of the pegawai's SKP of the years offered, for "RHK yang didukung"
    const rhkPilihan = await rhkPegawai(req.user!.id, tahunPilihan);
    res.status(status).render('realisasi-tahunan/target-baru', {
      title: 'Tambah Target Baru',
      tahun,
      tahunPilihan,
      bulanIni: bulanMulai(tahun, hariIni),
      jabatan,
      tugas,
      rhkPilihan,
      values: { tahun: String(tahun), ...values },
      errors,
    });
  };

  const renderUbah = async (req: Request, res: Response, status: number, id: number, values?: Record<string, unknown>, errors = {}) => {
    const t = await target.targetMilik(req.user!.id, id);
    const ditutup = await target.bulanTertutup(req.user!.id, t.tahun, req.now, env.APP_TIMEZONE);
    const awal = { pekerjaan: t.pekerjaan, kuantitas: String(t.kuantitas), satuan: t.satuan };
    const bulan = Object.fromEntries(t.bulan.map((v, i) => [`b${i + 1}`, String(v)]));
    res.status(status).render('realisasi-tahunan/ubah', {
      title: 'Ubah Target',
      target: t,
      ditutup,
      // closed months always show their stored value, whatever was posted
      values: {
        ...awal,
        ...bulan,
        ...(values ?? {}),
        ...Object.fromEntries(ditutup.flatMap((d, i) => (d ? [[`b${i + 1}`, String(t.bulan[i])]] : []))),
      },
      errors,
    });
  };

  const renderIndex = async (req: Request, res: Response, status: number, q: number, errorSalin?: string) => {
    const hariIni = await today(req);
    const thisYear = Number(hariIni.slice(0, 4));
    const tahunPilihan = await rencana(hariIni);
    const tahun = Number.isInteger(q) && q >= 2000 && q <= thisYear + 1 ? q : thisYear;
    const data = await target.halamanTahunan(req.user!.id, tahun);
    res.status(status).render('realisasi-tahunan/index', {
      title: 'Realisasi Tahunan',
      tahun,
      thisYear,
      bolehTambah: tahunPilihan.includes(tahun),
      tahunDepan: tahunPilihan.includes(thisYear + 1) ? thisYear + 1 : null,
      errorSalin,
      ...data,
    });
  };

  return {
    /** GET /realisasi-tahunan — "Realisasi Tahunan" with "Tambah Target Baru" at the bottom (article step 7). */
    async index(req: Request, res: Response) {
      await renderIndex(req, res, 200, Number(req.query.tahun));
    },

    /** GET /realisasi-tahunan/target-baru — "Tambah Target Baru" (article step 8); ?tahun= next year from the planning month. */
    async formTargetBaru(req: Request, res: Response) {
      await renderBaru(req, res, 200, { idempotencyKey: randomUUID(), tahun: req.query.tahun }, {});
    },

    async simpanTargetBaru(req: Request, res: Response) {
      const parsed = targetBaruTahunSchema.safeParse(req.body ?? {});
      const result = parsed.success
        ? await target.simpanTargetBaru(pelaku(req), await today(req), parsed.data)
        : { ok: false as const, errors: fieldErrors(parsed.error) };
      if (!result.ok) return renderBaru(req, res, 422, typedValues(req.body), result.errors);
      req.flash('success', 'Target baru berhasil disimpan dan diajukan kepada atasan untuk disetujui.');
      res.redirect(303, `/realisasi-tahunan?tahun=${result.tahun}#target-${result.id}`);
    },

    /** GET /realisasi-tahunan/target/:id/ubah — the pegawai's own target (404 otherwise). */
    async formUbah(req: Request, res: Response) {
      await renderUbah(req, res, 200, idParam(req.params.id));
    },

    async ubah(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = ubahTargetSchema.safeParse(req.body ?? {});
      const result = parsed.success
        ? await target.ubahTarget(pelaku(req), id, parsed.data)
        : { ok: false as const, errors: fieldErrors(parsed.error) };
      if (!result.ok) return renderUbah(req, res, 422, id, typedValues(req.body), result.errors);
      const t = await target.targetMilik(req.user!.id, id);
      req.flash('success', t.status === 'DIAJUKAN' ? 'Target diubah dan diajukan kembali kepada atasan.' : 'Target diubah.');
      res.redirect(303, `/realisasi-tahunan?tahun=${t.tahun}#target-${id}`);
    },

    async hapus(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const { tahun } = await target.targetMilik(req.user!.id, id);
      await target.hapusTarget(pelaku(req), id);
      req.flash('success', 'Target dihapus.');
      res.redirect(303, `/realisasi-tahunan?tahun=${tahun}`);
    },

    /** POST /realisasi-tahunan/target/:id/ajukan — submit a draft or a returned target to the atasan. */
    async ajukan(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const { tahun } = await target.targetMilik(req.user!.id, id);
      const diajukan = await target.ajukanTarget(pelaku(req), id);
      req.flash('success', diajukan ? 'Target diajukan kepada atasan.' : 'Target ini sudah diajukan atau sudah disetujui.');
      res.redirect(303, `/realisasi-tahunan?tahun=${tahun}#target-${id}`);
    },

    /** POST /realisasi-tahunan/salin — "Salin target tahun lalu" into this or next year, as drafts, once per target. */
    async salin(req: Request, res: Response) {
      const parsed = salinTargetSchema.safeParse(req.body ?? {});
      const hariIni = await today(req);
      const tahun = parsed.success ? parsed.data.tahun : Number(hariIni.slice(0, 4));
      const result = parsed.success
        ? await target.salinTargetTahunLalu(pelaku(req), tahun, hariIni)
        : { ok: false as const, pesan: 'Pilih tahun tujuan.' };
      if (!result.ok) return renderIndex(req, res, 422, tahun, result.pesan);
      req.flash(
        'success',
        result.jumlah > 0
          ? `${result.jumlah} target tahun ${tahun - 1} disalin ke tahun ${tahun} sebagai draf. Periksa, ubah bila perlu, lalu ajukan kepada atasan.`
          : `Tidak ada target tahun ${tahun - 1} yang belum disalin untuk tugas jabatan Anda sekarang.`,
      );
      res.redirect(303, `/realisasi-tahunan?tahun=${tahun}`);
    },
  };
}
