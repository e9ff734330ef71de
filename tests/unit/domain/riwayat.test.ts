import { describe, expect, it } from 'vitest';
import {
  barisPada,
  cekTmtMutasi,
  type Jendela,
  jendelaUntuk,
  meliputi,
  tandaSebagai,
  unikPerRiwayat,
} from '../../../src/domain/riwayat.ts';

// A pegawai moved on 15 March 2026: the old row ends there (exclusive), the new one starts there.
const lama = { id: 1, awal: null, akhir: '2026-03-15' };
const baru = { id: 2, awal: '2026-03-15', akhir: null };

describe('history lookup at the TMT boundary', () => {
  it('when the date is the TMT day itself, then the new row is in force', () => {
    expect(barisPada([lama, baru], '2026-03-15')?.id).toBe(2);
  });
  it('when the date is the day before the TMT, then the old row is in force', () => {
    expect(barisPada([lama, baru], '2026-03-14')?.id).toBe(1);
  });
  it('when the old row has no start, then it covers any earlier date; an open row covers any later date', () => {
    expect(barisPada([lama, baru], '1999-01-01')?.id).toBe(1);
    expect(barisPada([lama, baru], '2099-12-31')?.id).toBe(2);
  });
  it('when a row ends at a year end, then 31 December is in and 1 January is out', () => {
    const r = { awal: '2026-01-01', akhir: '2027-01-01' };
    expect(meliputi(r, '2026-12-31')).toBe(true);
    expect(meliputi(r, '2027-01-01')).toBe(false);
    expect(meliputi(r, '2025-12-31')).toBe(false);
  });
  it('when a date falls in a gap of the history, then no row is in force', () => {
    expect(barisPada([{ awal: '2026-01-01', akhir: '2026-02-01' }], '2026-02-01')).toBeUndefined();
  });
});

describe('the window through which an actor reaches an entry', () => {
  const w = (o: Partial<Jendela>): Jendela => ({
    riwayatId: 1,
    pegawaiId: 7,
    awal: null,
    akhir: null,
    atasanId: 3,
    sebagai: 'atasan',
    ...o,
  });
  it('when the old atasan looks at the day before the TMT, then they reach it; on the TMT day they do not', () => {
    const old = [w({ akhir: '2026-03-15' })];
    expect(jendelaUntuk(old, 7, '2026-03-14')).toBeDefined();
    expect(jendelaUntuk(old, 7, '2026-03-15')).toBeUndefined();
    expect(jendelaUntuk(old, 8, '2026-03-14')).toBeUndefined();
  });
  it('when the actor reaches a row both as atasan and as Plt, then it counts as atasan and carries no Plt mark', () => {
    const both = [w({ sebagai: 'Plt' }), w({ sebagai: 'atasan' })];
    expect(jendelaUntuk(both, 7, '2026-05-05')?.sebagai).toBe('atasan');
    expect(unikPerRiwayat(both)).toHaveLength(1);
    expect(tandaSebagai(jendelaUntuk(both, 7, '2026-05-05'))).toBeNull();
    expect(tandaSebagai(w({ sebagai: 'Plh' }))).toBe('Plh');
  });
});

describe('TMT of a mutasi', () => {
  it('when the TMT is tomorrow, then it is refused; today is accepted', () => {
    expect(cekTmtMutasi({ tmt: '2026-11-19', today: '2026-11-18', awalTerbuka: null })).toMatch(/setelah hari ini/);
    expect(cekTmtMutasi({ tmt: '2026-11-18', today: '2026-11-18', awalTerbuka: null })).toBeNull();
  });
  it('when the TMT is on or before the start of the current row, then it is refused; the day after is accepted', () => {
    expect(cekTmtMutasi({ tmt: '2026-03-15', today: '2026-11-18', awalTerbuka: '2026-03-15' })).toMatch(/TMT harus setelah/);
    expect(cekTmtMutasi({ tmt: '2026-03-16', today: '2026-11-18', awalTerbuka: '2026-03-15' })).toBeNull();
  });
});
