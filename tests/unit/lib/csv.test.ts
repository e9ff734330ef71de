import { describe, expect, it } from 'vitest';
import { csvLine, readCsv } from '../../../src/lib/csv.ts';

const COLS = ['nip', 'nama'] as const;

describe('readCsv', () => {
  it('when the file is semicolon separated with a BOM and CRLF, then rows come back trimmed with their line numbers', () => {
    const { rows, errors } = readCsv('\uFEFFNIP;Nama\r\n1; Ani \r\n\r\n2;"Budi; S.Kom."\r\n', COLS);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { baris: 2, values: { nip: '1', nama: 'Ani' } },
      { baris: 4, values: { nip: '2', nama: 'Budi; S.Kom.' } },
    ]);
  });

  it('when the file is comma separated with columns in another order, then values follow the header', () => {
    expect(readCsv('nama,nip\n"Citra, S.E.",3\n', COLS).rows).toEqual([{ baris: 2, values: { nip: '3', nama: 'Citra, S.E.' } }]);
  });

  it('when a row has too many cells or a quote is not closed, then the row number is given', () => {
    expect(readCsv('nip,nama\n1,a,b\n', COLS).errors).toEqual([{ baris: 2, kolom: null, pesan: 'Jumlah kolom 3, seharusnya 2.' }]);
    expect(readCsv('nip,nama\n1,"a\n', COLS).errors[0].pesan).toContain('Format CSV rusak');
    expect(readCsv('', COLS).errors[0].pesan).toContain('Berkas kosong');
    expect(readCsv('nip,nama\n', COLS).errors[0].pesan).toBe('Berkas tidak berisi data.');
  });

  it('when the header lacks a column and names an unknown one, then both are named on row 1 and no row is read', () => {
    const { rows, errors } = readCsv('nip;nama_lengkap\n1;Ani\n', COLS);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { baris: 1, kolom: 'nama', pesan: 'Kolom "nama" tidak ada pada baris judul.' },
      { baris: 1, kolom: 'nama_lengkap', pesan: 'Kolom "nama_lengkap" tidak dikenal.' },
    ]);
  });

  it('when an optional column is absent, then it reads as empty; when present, then it is read', () => {
    expect(readCsv('nip,nama\n1,Ani\n', COLS, ['tmt']).rows).toEqual([{ baris: 2, values: { nip: '1', nama: 'Ani', tmt: '' } }]);
    expect(readCsv('NIP,Nama,TMT\n1,Ani,2026-01-02\n', COLS, ['tmt']).rows[0].values.tmt).toBe('2026-01-02');
  });

  it('when the header holds both separators, then the one it holds more of separates the cells', () => {
    expect(readCsv('nip;nama\n1;"Ani, S.E."\n', COLS).rows[0].values).toEqual({ nip: '1', nama: 'Ani, S.E.' });
    expect(readCsv('nip,nama\n1,Ani; Budi\n', COLS).rows[0].values).toEqual({ nip: '1', nama: 'Ani; Budi' });
  });

  it('when a spreadsheet leaves rows of empty cells at the end, then they are skipped, and a file of only those has no data', () => {
    expect(readCsv('nip;nama\n1;Ani\n;\n;\n', COLS).rows).toHaveLength(1);
    expect(readCsv('nip;nama\n;\n', COLS).errors).toEqual([{ baris: 2, kolom: null, pesan: 'Berkas tidak berisi data.' }]);
  });

  it('when a quoted field holds a doubled quote or a line break, then the value keeps it', () => {
    const { rows, errors } = readCsv('nip,nama\n1,"Dewi ""Dede"""\n2,"Eka\nPutri"\n', COLS);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.values.nama)).toEqual(['Dewi "Dede"', 'Eka\nPutri']);
  });

  it('when values hold separators or quotes, then csvLine quotes them so readCsv reads them back', () => {
    const line = csvLine(['1', 'Dewi "Dede"; A.Md.']);
    expect(readCsv(`nip;nama\n${line}\n`, COLS).rows[0].values.nama).toBe('Dewi "Dede"; A.Md.');
  });
});
