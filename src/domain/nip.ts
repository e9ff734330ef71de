import * as clock from '../lib/clock.ts';

// NIP (Nomor Induk Pegawai) of a PNS, 18 digits (Peraturan BKN):
// 1–8 birth date yyyymmdd, 9–14 TMT CPNS yyyymm, 15 gender (1 male, 2 female), 16–18 sequence number.

export type NipInfo = {
  nip: string;
  tanggalLahir: string; // YYYY-MM-DD
  tmtCpns: string; // YYYY-MM
  jenisKelamin: 'L' | 'P';
  urutan: number;
};

export type NipResult = { ok: true; info: NipInfo } | { ok: false; error: string };

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

/** Decodes a NIP; `today` bounds the dates (no birth or TMT in the future). */
export function decodeNip(raw: string, today: Date = clock.now()): NipResult {
  const nip = raw.trim();
  if (!/^\d{18}$/.test(nip)) return { ok: false, error: 'NIP harus terdiri dari 18 digit angka.' };
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  const tmtY = Number(nip.slice(8, 12));
  const tmtM = Number(nip.slice(12, 14));
  const gender = nip[14];
  const urutan = Number(nip.slice(15, 18));
  const thisYear = today.getUTCFullYear();
  if (y < 1900 || !isRealDate(y, m, d)) return { ok: false, error: 'Tanggal lahir pada NIP (digit 1–8) tidak valid.' };
  const lahir = Date.UTC(y, m - 1, d);
  if (lahir > today.getTime()) return { ok: false, error: 'Tanggal lahir pada NIP (digit 1–8) tidak valid.' };
  if (tmtM < 1 || tmtM > 12 || tmtY < y + 15 || tmtY > thisYear) {
    return { ok: false, error: 'TMT CPNS pada NIP (digit 9–14) tidak valid.' };
  }
  if (gender !== '1' && gender !== '2') return { ok: false, error: 'Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2.' };
  if (urutan < 1) return { ok: false, error: 'Nomor urut pada NIP (digit 16–18) tidak valid.' };
  return {
    ok: true,
    info: {
      nip,
      tanggalLahir: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      tmtCpns: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
      jenisKelamin: gender === '1' ? 'L' : 'P',
      urutan,
    },
  };
}

export const isValidNip = (nip: string, today?: Date): boolean => decodeNip(nip, today).ok;
