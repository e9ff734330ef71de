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

  it('when values hold separators or quotes, then csvLine quotes them so readCsv reads them back', () => {
    const line = csvLine(['1', 'Dewi "Dede"; A.Md.']);
    expect(readCsv(`nip;nama\n${line}\n`, COLS).rows[0].values.nama).toBe('Dewi "Dede"; A.Md.');
  });
});
