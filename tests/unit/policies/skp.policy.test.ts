import { describe, expect, it } from 'vitest';
import {
  bisaDiajukanSkp,
  bolehMenilai,
  bolehSusun,
  statusSkpSetelahUbah,
  tanggalAkses,
  tanggalRencana,
} from '../../../src/features/skp/skp.policy.ts';

describe('SKP policy (issue 19)', () => {
  it('when a change is made, then an approved or waiting SKP goes back to the atasan, a draft stays a draft and a returned one stays returned', () => {
    expect(statusSkpSetelahUbah('DISETUJUI')).toBe('DIAJUKAN');
    expect(statusSkpSetelahUbah('DIAJUKAN')).toBe('DIAJUKAN');
    expect(statusSkpSetelahUbah('DRAF')).toBe('DRAF');
    expect(statusSkpSetelahUbah('DIKEMBALIKAN')).toBe('DIKEMBALIKAN');
  });

  it('when asked who acts, then only a draft or returned SKP is submitted, the pegawai drafts, the rater rates', () => {
    expect(['DRAF', 'DIAJUKAN', 'DISETUJUI', 'DIKEMBALIKAN'].filter((s) => bisaDiajukanSkp(s as 'DRAF'))).toEqual(['DRAF', 'DIKEMBALIKAN']);
    expect(bolehSusun({ diri: true })).toBe(true);
    expect(bolehSusun({ diri: false })).toBe(false);
    expect(bolehMenilai({ menilai: false })).toBe(false);
  });

  it('when today lies before, inside or after an SKP, then it is reached on its first day, today, or its last day', () => {
    const s = { mulai: '2026-01-01', selesai: '2026-06-30' };
    expect(tanggalAkses(s, '2025-12-31')).toBe('2026-01-01');
    expect(tanggalAkses(s, '2026-03-15')).toBe('2026-03-15');
    expect(tanggalAkses(s, '2026-11-18')).toBe('2026-06-30');
  });

  it('when Buat SKP plans a year, then it takes today in this year, 1 January of a later one and 31 December of a past one', () => {
    expect(tanggalRencana(2026, '2026-11-18')).toBe('2026-11-18');
    expect(tanggalRencana(2027, '2026-11-18')).toBe('2027-01-01');
    expect(tanggalRencana(2025, '2026-11-18')).toBe('2025-12-31');
  });
});
