import { describe, expect, it } from 'vitest';
import { jawabanSchema, umpanBalikSchema } from '../../../src/features/skp/umpan-balik.schema.ts';

const key = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

describe('the umpan balik form', () => {
  it.each([
    ['skp', { jenis: 'skp' }],
    ['rhk:42', { jenis: 'rhk', rhkId: 42 }],
    ['perilaku:BERORIENTASI_PELAYANAN', { jenis: 'perilaku', nilai: 'BERORIENTASI_PELAYANAN' }],
  ])('when the choice is %s, then it reads as %o', (sasaran, hasil) => {
    expect(umpanBalikSchema.parse({ sasaran, isi: ' Baik ', idempotencyKey: key })).toEqual({
      sasaran: hasil,
      isi: 'Baik',
      idempotencyKey: key,
    });
  });

  it.each([
    '',
    'rhk:',
    'rhk:0',
    'rhk:2147483648',
    'rhk:12a',
    'perilaku:JUJUR',
    'perilaku:loyal',
    'SKP',
  ])('when the choice is “%s”, then it is refused with the message to pick one', (sasaran) => {
    const r = umpanBalikSchema.safeParse({ sasaran, isi: 'x', idempotencyKey: key });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/^Pilih hal yang diberi umpan balik/);
  });

  it('when the text is empty, too long or holds a control character, then it is refused with a message; line breaks are allowed', () => {
    const pesan = (isi: string) => jawabanSchema.safeParse({ isi, idempotencyKey: key }).error?.issues[0].message;
    expect(pesan('  ')).toBe('Jawaban wajib diisi.');
    expect(pesan('x'.repeat(2001))).toBe('Jawaban paling banyak 2.000 karakter.');
    expect(pesan('a\u0007b')).toBe('Jawaban berisi karakter yang tidak diizinkan.');
    expect(jawabanSchema.parse({ isi: 'baris satu\nbaris dua', idempotencyKey: key }).isi).toBe('baris satu\nbaris dua');
  });
});
