import { describe, expect, it } from 'vitest';
import { PEGAWAI } from '../../../prisma/demo-data.ts';
import { decodeNip } from '../../../src/domain/nip.ts';

const today = new Date('2026-11-24T00:00:00Z');

describe('decodeNip', () => {
  it('when the NIP is valid, then birth date, TMT CPNS, gender and sequence are decoded', () => {
    expect(decodeNip('199203102019032001', today)).toEqual({
      ok: true,
      info: { nip: '199203102019032001', tanggalLahir: '1992-03-10', tmtCpns: '2019-03', jenisKelamin: 'P', urutan: 1 },
    });
    const male = decodeNip('198105122006041003', today);
    expect(male.ok && male.info.jenisKelamin).toBe('L');
  });

  it.each([
    ['199213102019032001', 'Tanggal lahir'], // month 13
    ['199202302019032001', 'Tanggal lahir'], // 30 February
    ['19920310201903200', '18 digit'], // 17 digits
    ['1992031020190320011', '18 digit'], // 19 digits
    ['19920310201903200a', '18 digit'],
    ['199203102019033001', 'jenis kelamin'], // gender digit 3
    ['199203102019030001', 'jenis kelamin'], // gender digit 0
    ['199203102019132001', 'TMT'], // TMT month 13
    ['199203102003032001', 'TMT'], // CPNS at 11 years old
    ['199203102027032001', 'TMT'], // TMT in the future
    ['202703102019032001', 'Tanggal lahir'], // born in the future
    ['199203102019032000', 'urut'], // sequence 000
  ])('when the NIP is %s, then it is rejected (%s)', (nip, reason) => {
    const r = decodeNip(nip, today);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(reason);
  });

  it('when the demo Pemda is seeded, then every NIP in it is valid', () => {
    for (const p of PEGAWAI) expect(decodeNip(p.nip, today), p.nip).toMatchObject({ ok: true });
  });
});
