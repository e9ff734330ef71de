import type { Akses } from './akses.service.ts';

// Who does what with a pegawai's umpan balik (issue 19 §2), from their access on the date (akses.service.ts). Used by
// the service before a write and by the views to show the forms.

/** A feedback is written by whoever rates the pegawai on that date: the atasan, a Plt/Plh, the pejabat puncak. */
export const bolehMenulis = (a: Akses): boolean => a.menilai;

/** An answer under a feedback: the pegawai, and whoever may write feedback. A pimpinan of the subtree only reads. */
export const bolehMenjawab = (a: Akses): boolean => a.diri || a.menilai;
