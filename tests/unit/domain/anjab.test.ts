import { describe, expect, it } from 'vitest';
import { ANJAB_BAGIAN, butir, pohonUnit } from '../../../src/domain/anjab.ts';

describe('Anjab document helpers', () => {
  it('when a section holds lines with blanks and spaces, then its items are the non-empty trimmed lines', () => {
    expect(butir(' Komputer \r\n\r\nPedoman dan SOP\n  ')).toEqual(['Komputer', 'Pedoman dan SOP']);
    expect(butir(null)).toEqual([]);
  });

  it('when the sections are listed, then they follow PermenPAN-RB 1/2020 from ikhtisar to prestasi', () => {
    expect(ANJAB_BAGIAN.map((b) => b.key)).toEqual([
      'ikhtisar',
      'bahanKerja',
      'perangkatKerja',
      'tanggungJawab',
      'wewenang',
      'korelasiJabatan',
      'kondisiLingkungan',
      'risikoBahaya',
      'syaratJabatan',
      'prestasiDiharapkan',
    ]);
  });

  it('when units hang under one Pemda root, then they come depth-first and their labels leave the root out', () => {
    const tree = pohonUnit([
      { id: 1, nama: 'Pemda', indukId: null },
      { id: 3, nama: 'Dinas B', indukId: 1 },
      { id: 2, nama: 'Dinas A', indukId: 1 },
      { id: 4, nama: 'Sekretariat', indukId: 2 },
      { id: 5, nama: 'Sekretariat', indukId: 3 },
    ]);
    expect(tree.map((u) => [u.id, u.depth, u.label])).toEqual([
      [1, 0, 'Pemda'],
      [3, 1, 'Dinas B'],
      [5, 2, 'Dinas B / Sekretariat'],
      [2, 1, 'Dinas A'],
      [4, 2, 'Dinas A / Sekretariat'],
    ]);
  });

  it('when there are several roots, then every label keeps its root', () => {
    const tree = pohonUnit([
      { id: 1, nama: 'Dinas A', indukId: null },
      { id: 2, nama: 'Dinas B', indukId: null },
      { id: 3, nama: 'Bidang', indukId: 2 },
    ]);
    expect(tree.map((u) => u.label)).toEqual(['Dinas A', 'Dinas B', 'Dinas B / Bidang']);
  });
});
