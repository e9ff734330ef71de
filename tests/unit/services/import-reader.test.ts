import { describe, expect, it } from 'vitest';
import { checkEachRow, csvFile, failed, readImportFile, unreadable } from '../../../src/services/import/reader.ts';

const COLS = ['nip', 'nama'] as const;

describe('the reader every CSV import shares', () => {
  it('when a row has a problem, then it is left out of the checked rows and its problems name its line and column', () => {
    const file = readImportFile('nip;nama\n1;Ani\n\n2;\n3;Citra\n', COLS);
    const rows = checkEachRow(file, (v, err, baris) => {
      if (!v.nama) err('nama', 'Nama wajib diisi.');
      return { baris, nip: v.nip };
    });
    expect(rows).toEqual([
      { baris: 2, nip: '1' },
      { baris: 5, nip: '3' },
    ]);
    expect(file.errors).toEqual([{ baris: 4, kolom: 'nama', pesan: 'Nama wajib diisi.' }]);
    expect(unreadable(file)).toBe(false);
  });

  it('when rows are checked, then afterRow is called once per data row with its index', () => {
    const file = readImportFile('nip,nama\n1,a\n2,b\n3,c\n', COLS);
    const seen: number[] = [];
    checkEachRow(
      file,
      () => null,
      (i) => seen.push(i),
    );
    expect(seen).toEqual([0, 1, 2]);
  });

  it('when the header is wrong, then the file is unreadable and failed() answers the problems on row 1', () => {
    const file = readImportFile('\uFEFFnip;nm\n1;Ani\n', COLS);
    expect(unreadable(file)).toBe(true);
    const res = failed(0, file.errors, performance.now());
    expect(res).toMatchObject({ ok: false, rows: 0, counts: {}, passwords: [] });
    expect(res.errors.map((e) => [e.baris, e.kolom])).toEqual([
      [1, 'nama'],
      [1, 'nm'],
    ]);
  });

  it('when problems are found out of file order, then failed() answers them by line, a line keeping its own order', () => {
    const file = readImportFile('nip,nama\n1,a\n2,b\n', COLS);
    file.error(3, 'nama', 'kedua');
    file.error(2, 'nip', 'pertama');
    file.error(3, 'nip', 'ketiga');
    expect(failed(2, file.errors, performance.now()).errors.map((e) => e.pesan)).toEqual(['pertama', 'kedua', 'ketiga']);
  });

  it('when a file is handed out, then it has a BOM, semicolons, CRLF and quotes where needed, and reads back the same', () => {
    const text = csvFile([[...COLS], ['198001012005011001', 'Budi; "B", S.Kom.'], ['2', null]]);
    expect(text).toBe('\uFEFFnip;nama\r\n198001012005011001;"Budi; ""B"", S.Kom."\r\n2;\r\n');
    expect(readImportFile(text, COLS).rows.map((r) => r.values)).toEqual([
      { nip: '198001012005011001', nama: 'Budi; "B", S.Kom.' },
      { nip: '2', nama: '' },
    ]);
  });
});
