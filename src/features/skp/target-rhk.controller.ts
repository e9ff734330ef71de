import type { Request, Response } from 'express';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { idParam } from '../../lib/id-param.ts';
import { auditContext } from '../../services/audit.service.ts';
import { rhkTargetSchema } from './skp.schema.ts';
import { targetDenganRhk, ubahRhkTarget } from './skp.service.ts';

/** Realisasi Tahunan → a target's "RHK yang didukung" (issue 19): the pegawai's own targets only (else 404). */
async function render(req: Request, res: Response, status: number, values?: Record<string, string>, errors: Record<string, string> = {}) {
  const { target, pilihan } = await targetDenganRhk(req.user!.id, idParam(req.params.id));
  res.status(status).render('skp/target-rhk', {
    title: 'RHK yang Didukung',
    target,
    pilihan,
    values: values ?? { rhkId: target.rhkId ? String(target.rhkId) : '' },
    errors,
  });
}

export const formRhkTarget = (req: Request, res: Response) => render(req, res, 200);

export async function simpanRhkTarget(req: Request, res: Response): Promise<void> {
  const id = idParam(req.params.id);
  const parsed = rhkTargetSchema.safeParse(req.body ?? {});
  const hasil = parsed.success
    ? await ubahRhkTarget(req.user!.id, id, parsed.data.rhkId, auditContext(req))
    : { ok: false as const, errors: fieldErrors(parsed.error) };
  if (!hasil.ok) return render(req, res, 422, typedValues(req.body), hasil.errors);
  const { target } = await targetDenganRhk(req.user!.id, id);
  req.flash('success', target.rhkId ? 'Target dihubungkan dengan RHK.' : 'Target tidak lagi dihubungkan dengan RHK.');
  res.redirect(303, `/realisasi-tahunan?tahun=${target.tahun}#target-${id}`);
}
