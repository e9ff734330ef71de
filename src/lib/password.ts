import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

// No look-alikes (0/O, 1/l/I): the admin reads these out or types them from a printout.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A temporary password: 16 random symbols of 56 (≈ 93 bits), shown as four groups "Abcd-efgh-…" for dictation. */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Hash for a generated temporary password. argon2id's memory cost exists to slow the guessing of passwords people
 * choose; a 93-bit random secret cannot be guessed at any hash speed, and it must be replaced at first login
 * (then hashed with the full ARGON2_OPTIONS). The light cost lets a 5,000-account import finish in seconds.
 * Same argon2id format, so login verifies it like any other hash.
 */
export const hashTemporaryPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 2048, timeCost: 1, parallelism: 1 });
