import type { StatusTarget } from '../../domain/target.ts';
import type { Akses } from './akses.service.ts';

/**
 * Who may do what with an SKP (issue 19), pure: the controllers call these before a write, the views to decide which
 * buttons to show. Who reaches the SKP at all is `aksesPegawai` (akses.service.ts): out of reach is a 404 there.
 */

/** The pegawai drafts their own SKP: RHK, indicators, Lampiran, Ajukan. */
export const bolehSusun = (a: Pick<Akses, 'diri'>): boolean => a.diri;

/** Whoever rates the pegawai on the SKP's date (atasan, Plt/Plh, pejabat puncak, admin at the top) approves and writes the ekspektasi. */
export const bolehMenilai = (a: Pick<Akses, 'menilai'>): boolean => a.menilai;

/** Setujui / Kembalikan: only a submitted SKP waits for a decision. */
export const menungguKeputusan = (s: StatusTarget): boolean => s === 'DIAJUKAN';

/** Ajukan: a draft or a returned SKP (Persetujuan Target's rule, src/domain/target.ts). */
export const bisaDiajukanSkp = (s: StatusTarget): boolean => s === 'DRAF' || s === 'DIKEMBALIKAN';

/**
 * The state after the pegawai changes their SKP. What the atasan agreed to, or is looking at, has changed: an approved
 * or waiting SKP goes back to them (DIAJUKAN), as a changed target does. A draft stays a draft, and a returned SKP stays
 * returned while the pegawai corrects it: an SKP is corrected in several small forms (one per RHK), so it is submitted
 * with "Ajukan" when the pegawai is done rather than after the first form.
 */
export const statusSkpSetelahUbah = (s: StatusTarget): StatusTarget => (s === 'DISETUJUI' || s === 'DIAJUKAN' ? 'DIAJUKAN' : s);

/**
 * The date on which an SKP is reached (who approves, rates, reads it): today within the SKP's period, else its nearest
 * end — the last day of a closed SKP (the atasan of that stretch), the first day of one that has not started.
 */
export const tanggalAkses = (skp: { mulai: string; selesai: string }, today: string): string =>
  today < skp.mulai ? skp.mulai : today > skp.selesai ? skp.selesai : today;

/** The day whose jabatan "Buat SKP" plans for in a year: today in this year, 31 December of a past year, 1 January of a later one. */
export const tanggalRencana = (tahun: number, today: string): string => {
  const ini = Number(today.slice(0, 4));
  return tahun === ini ? today : tahun < ini ? `${tahun}-12-31` : `${tahun}-01-01`;
};
