import type { Akses } from './akses.service.ts';

/**
 * Who may do what with evaluations (issue 19). Who reaches a pegawai's period is akses.service.ts (the one rule);
 * this says what the pages offer from it, for the controllers and the views alike.
 */

export type PembacaKurva = { id: number; isAdmin: boolean; isPimpinan: boolean; unitId: number | null; jumlahBawahan: number };

/** The rating form (not the read-only page): for whoever rates the pegawai's period. */
export const bolehMenilai = (akses: Akses): boolean => akses.menilai;

/** The distribution curve: the admin, a pimpinan, and an atasan (direct subordinates, or someone they verify today). */
export const bolehBukaKurva = (user: PembacaKurva, adaJendela: boolean): boolean =>
  user.isAdmin || user.isPimpinan || user.jumlahBawahan > 0 || adaJendela;
