// Issue 22, which daftar pembayaran pays a released month (docs/aturan-tpp.md "Rapel"): the first penetapan made on or
// after the release date, whichever month it freezes — so held months are paid in their order, never after a later
// month — and a release dated ahead waits for its date. The suite's clock at 18 November 2026.
import { describe, expect, it } from 'vitest';
import { agentsOf, buildApp, DEMO_ACCOUNTS, loginAs, postForm } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const rina = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const dewi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '199601092022032004' } });

const tetapkan = (bulan: string, pada: string) =>
  atInstant(pada, async () =>
    postForm(await loginAs(app, DEMO_ACCOUNTS.admin), `/admin/tpp/tetapkan?tahun=${bulan.slice(0, 4)}`, { bulan }),
  );
const dibayarPada = async (pegawaiId: number) =>
  (await prisma.tppRapel.findMany({ where: { pegawaiId }, orderBy: [{ tahun: 'asc' }, { bulan: 'asc' }] })).map(
    (r) => `${r.tahun}-${r.bulan} → ${r.bayarTahun}-${r.bayarBulan}`,
  );

describe('which list pays a released month', () => {
  it('when October is held and released on 3 December, then November’s penetapan of 11 December pays it; one released as of 20 December waits for December’s', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    for (const p of [rina, dewi]) {
      await prisma.pegawai.update({
        where: { id: p.id },
        data: { bankNama: 'Bank Kalsel', rekening: `00${p.id}1234567`, gaji: 4_000_000 },
      });
      const res = await postForm(admin, `/admin/pegawai/${p.id}/penundaan`, {
        alasan: 'LHKASN 2026 belum dilaporkan',
        mulai: '2026-10-05',
      });
      expect(res.status).toBe(303);
    }
    expect((await tetapkan('2026-10', '2026-11-18T10:00')).status).toBe(303);
    expect(
      (await prisma.tppTetap.findMany({ where: { tahun: 2026, bulan: 10, pegawaiId: { in: [rina.id, dewi.id] } } })).map((t) => t.ditunda),
    ).toEqual([true, true]);
    // both released now (18 November): Rina as of 3 December, Dewi as of 20 December
    for (const [p, dilepas] of [
      [rina, '2026-12-03'],
      [dewi, '2026-12-20'],
    ] as const) {
      const t = await prisma.penundaanTpp.findFirstOrThrow({ where: { pegawaiId: p.id, dilepas: null } });
      expect((await postForm(admin, `/admin/pegawai/${p.id}/penundaan/${t.id}/lepas`, { dilepas })).status).toBe(303);
    }

    expect((await tetapkan('2026-11', '2026-12-11T10:00')).status).toBe(303);
    expect(await dibayarPada(rina.id)).toEqual(['2026-10 → 2026-11']);
    expect(await dibayarPada(dewi.id)).toEqual([]);

    expect((await tetapkan('2026-12', '2027-01-11T10:00')).status).toBe(303);
    expect(await dibayarPada(rina.id)).toEqual(['2026-10 → 2026-11']);
    expect(await dibayarPada(dewi.id)).toEqual(['2026-10 → 2026-12']);
  });
});
