import type { Request, Response } from 'express';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { listAudit } from '../services/admin-audit.service.ts';
import { timezone } from '../services/settings.service.ts';
import { auditFilterSchema } from '../validation/admin-audit.schema.ts';

export function index(appTimezone: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const values = typedValues(req.query);
    const parsed = auditFilterSchema.safeParse(req.query);
    if (!parsed.success) {
      const empty = { total: 0, pages: 1, rows: [], actions: [], types: [] };
      return void res
        .status(422)
        .render('admin/audit', { title: 'Log Audit', values, errors: fieldErrors(parsed.error), page: 1, tz: appTimezone, ...empty });
    }
    const f = parsed.data;
    const tz = await timezone(appTimezone);
    const list = await listAudit(
      { nipPelaku: f.nip, action: f.aksi, objectType: f.objek, objectId: f.idObjek, dari: f.dari, sampai: f.sampai, page: f.hal },
      tz,
    );
    res.render('admin/audit', { title: 'Log Audit', values, errors: {}, page: f.hal, tz, ...list });
  };
}
