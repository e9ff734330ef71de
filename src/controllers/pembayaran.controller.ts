import type { Request, Response } from 'express';
import { bulanParam, geserBulan } from '../lib/bulan-param.ts';
import { AppError } from '../lib/errors.ts';
import { idParam } from '../lib/id-param.ts';
import { pembayaranCsv, pembayaranExcel, pembayaranPdf } from '../lib/pembayaran-berkas.ts';
import { bolehUnduhFileBank } from '../policies/pembayaran.policy.ts';
import { auditContext } from '../services/audit.service.ts';
import { daftarPembayaran, fileBank, logoPembayaran } from '../services/pembayaran.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';

// Daftar pembayaran TPP (issue 22): the page (a unit subtree and month), and its workbook, bank file and signed PDF.
// A month that is not ditetapkan has no list: the page says why (409), the files answer 409 with the same message.

const bl = (tahun: number, bulan: number) => `${tahun}-${String(bulan).padStart(2, '0')}`;
/** Above this many rows the page shows the totals and the files only (a Pemda-wide list belongs in the workbook). */
const BARIS_HALAMAN = 500;

export function pembayaranController(tz: string) {
  /** The list of the route's unit and ?bulan, or a 409 with the reason. */
  async function daftar(req: Request) {
    const zona = await timezone(tz);
    const { tahun, bulan, today } = bulanParam(req.query.bulan, zona, req.now);
    const d = await daftarPembayaran(req.user!, idParam(req.params.id), tahun, bulan);
    if (!d.ok) throw new AppError(d.pesan, 409, 'Daftar pembayaran belum tersedia');
    return { d, zona, today, namaPemda: (await getSettings()).namaPemda };
  }
  const nama = (d: { unit: { id: number }; tahun: number; bulan: number }, ext: string) =>
    `daftar-pembayaran-tpp-${d.unit.id}-${bl(d.tahun, d.bulan)}.${ext}`;

  return {
    /** GET /pembayaran?bulan=YYYY-MM&unit=ID */
    async index(req: Request, res: Response): Promise<void> {
      const zona = await timezone(tz);
      const { tahun, bulan } = bulanParam(req.query.bulan, zona, req.now);
      const unitId = req.query.unit === undefined || req.query.unit === '' ? null : idParam(req.query.unit);
      const d = await daftarPembayaran(req.user!, unitId, tahun, bulan);
      res.status(d.ok ? 200 : 409).render('pembayaran/index', {
        title: 'Daftar Pembayaran TPP',
        d,
        bl: bl(tahun, bulan),
        tz: zona,
        tampilBaris: d.ok && d.rows.length <= BARIS_HALAMAN,
        fileBank: bolehUnduhFileBank(req.user!),
        sebelum: geserBulan(tahun, bulan, -1),
        sesudah: geserBulan(tahun, bulan, 1),
      });
    },

    /** GET /pembayaran/unit/:id.xlsx — totals as formulas; accounts masked for the bendahara. */
    async excel(req: Request, res: Response): Promise<void> {
      const { d, zona, namaPemda } = await daftar(req);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(nama(d, 'xlsx'));
      await pembayaranExcel(res, { ...d, namaPemda, zona });
    },

    /** GET /pembayaran/unit/:id.pdf — the signed sheet (accounts masked for everyone). */
    async pdf(req: Request, res: Response): Promise<void> {
      const { d, zona, today, namaPemda } = await daftar(req);
      const pdf = await pembayaranPdf({ ...d, namaPemda, zona, today, logo: await logoPembayaran() });
      res.type('application/pdf').attachment(nama(d, 'pdf')).send(pdf);
    },

    /** GET /pembayaran/unit/:id.csv — the bank's bulk-transfer file (admin only; audited). */
    async csv(req: Request, res: Response): Promise<void> {
      const { d } = await daftar(req);
      const rows = await fileBank(d, auditContext(req));
      res.type('text/csv; charset=utf-8').attachment(nama(d, 'csv')).send(pembayaranCsv(d, rows));
    },
  };
}
