import { describe, expect, it } from 'vitest';
import { volumeField } from '../../../src/validation/abk.schema.ts';
import { anjabSchema, uraianTugasSchema } from '../../../src/validation/anjab.schema.ts';

describe('volume per tahun as typed', () => {
  it.each([
    ['12', '12'],
    ['12,5', '12.5'],
    ['12.50', '12.50'],
    ['1.250,5', '1250.5'],
    [' 0 ', '0'],
  ])('when "%s" is typed, then it reads %s', (typed, value) => {
    expect(volumeField.parse(typed)).toBe(value);
  });

  it.each(['', '-1', '1.250', '1,234', 'dua', '12345678901'])('when "%s" is typed, then it is refused', (typed) => {
    expect(volumeField.safeParse(typed).success).toBe(false);
  });
});

describe('Anjab forms', () => {
  it('when a section is empty, then it is stored as null; CRLF becomes LF; the name is trimmed', () => {
    const r = anjabSchema.parse({ nama: ' Analis ', jenis: 'PELAKSANA', kelas: '7', kode: '', wewenang: 'a\r\nb', ikhtisar: '' });
    expect(r).toMatchObject({ nama: 'Analis', kode: null, kelas: 7, wewenang: 'a\nb', ikhtisar: null, bahanKerja: null });
  });

  it('when a name carries a control character or the jenis is unknown, then each field says why in Bahasa Indonesia', () => {
    const r = anjabSchema.safeParse({ nama: 'Analis\u0000', jenis: 'MENTERI', kelas: '0' });
    expect(r.success).toBe(false);
    const msg = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(msg).toEqual({
      nama: 'Nama jabatan berisi karakter yang tidak diizinkan.',
      jenis: 'Pilih jenis jabatan.',
      kelas: 'Kelas jabatan harus antara 1 dan 17.',
    });
  });

  it('when a task leaves urutan empty, then it is undefined (placed last); a norma of 0 is refused', () => {
    const ok = uraianTugasSchema.parse({
      uraian: 'U',
      hasilKerja: 'H',
      satuanHasil: 'S',
      volumePerTahun: '3',
      normaWaktu: '15',
      urutan: '',
    });
    expect(ok).toEqual({ uraian: 'U', hasilKerja: 'H', satuanHasil: 'S', volumePerTahun: '3', normaWaktu: 15, urutan: undefined });
    expect(uraianTugasSchema.safeParse({ ...ok, volumePerTahun: '3', normaWaktu: '0', urutan: '1' }).success).toBe(false);
  });
});
