import { describe, expect, it } from 'vitest';
import { keysOnCycles, parseGolongan, parseJenisJabatan, parsePeran, wouldCycle } from '../../../src/domain/kepegawaian.ts';
import { parseAngka } from '../../../src/services/import/reader.ts';

describe('golongan, peran, jenis jabatan as written', () => {
  it.each([
    ['III/a', 'III/a'],
    ['iii/A', 'III/a'],
    ['IV-e', 'IV/e'],
    ['IIb', 'II/b'],
    ['I/e', null], // I/e does not exist (I/a … I/d)
    ['V/a', null],
    ['', null],
  ])('when golongan is "%s", then it reads as %s', (raw, expected) => {
    expect(parseGolongan(raw)).toBe(expected);
  });

  it('when peran lists words joined by |, then PEGAWAI is always there and an unknown word is named', () => {
    expect(parsePeran('')).toEqual({ peran: ['PEGAWAI'] });
    expect(parsePeran('admin|Pimpinan')).toEqual({ peran: ['PEGAWAI', 'PIMPINAN', 'ADMIN'] });
    expect(parsePeran('pegawai raja')).toEqual({ unknown: 'raja' });
  });

  it('when jenis jabatan is written in any case, then it maps to the enum; unknown is null', () => {
    expect(parseJenisJabatan('Administrator')).toBe('ADMINISTRATOR');
    expect(parseJenisJabatan('JPT Pratama')).toBe('JPT');
    expect(parseJenisJabatan('Direktur')).toBeNull();
  });

  it.each([
    ['1.250,5', 1250.5],
    ['12,5', 12.5],
    ['48', 48],
    ['1250.75', 1250.75],
    ['dua', null],
    ['-1', null],
  ])('when a volume is "%s", then it reads as %s', (raw, expected) => {
    expect(parseAngka(raw)).toBe(expected);
  });
});

describe('loops in trees', () => {
  const parents = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 1],
  ]);
  it('when a node would get its own descendant or itself as parent, then it is a loop; elsewhere it is not', () => {
    expect(wouldCycle(parents, 1, 3)).toBe(true);
    expect(wouldCycle(parents, 2, 2)).toBe(true);
    expect(wouldCycle(parents, 3, 4)).toBe(false);
    expect(wouldCycle(parents, 4, null)).toBe(false);
  });

  it('when a child → parent map holds a loop, then exactly the keys on it are found', () => {
    const m = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'a'],
      ['e', null],
    ]);
    expect([...keysOnCycles(m)].sort()).toEqual(['a', 'b', 'c']);
    expect(keysOnCycles(new Map([['x', null]])).size).toBe(0);
  });
});
