import { describe, expect, it } from 'vitest';
import { canDeleteTugas, canEditAnjab, canReadAnjab } from '../../../src/policies/anjab.policy.ts';

describe('Anjab policy', () => {
  const admin = { isAdmin: true };
  const pegawai = { isAdmin: false };

  it('when anonymous, then Anjab can be neither read nor changed', () => {
    expect([canReadAnjab(null), canEditAnjab(null), canDeleteTugas(null, { jumlahTarget: 0 })]).toEqual([false, false, false]);
  });

  it('when a pegawai, then Anjab can be read but not changed', () => {
    expect([canReadAnjab(pegawai), canEditAnjab(pegawai), canDeleteTugas(pegawai, { jumlahTarget: 0 })]).toEqual([true, false, false]);
  });

  it('when an admin, then a task can be deleted only while no target uses it', () => {
    expect(canEditAnjab(admin)).toBe(true);
    expect(canDeleteTugas(admin, { jumlahTarget: 0 })).toBe(true);
    expect(canDeleteTugas(admin, { jumlahTarget: 1 })).toBe(false);
  });
});
