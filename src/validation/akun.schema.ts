import { z } from 'zod';

// Length over composition (OWASP ASVS 4.0.3 V2.1.1/V2.1.2/V2.1.9; NIST SP 800-63B 5.1.1.2): at least 12
// characters, up to 128, any characters including spaces, no "must contain a digit" rules. See README, "Password".
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The passwords an attacker tries first (ASVS V2.1.7 asks for a check against known-breached passwords; a full
// breached list is a download we cannot make in closed networks, so the worst offenders plus the user's own data).
const COMMON = [
  '123456789012',
  '1234567890123',
  'password1234',
  'password12345',
  'qwertyuiop12',
  'qwerty123456',
  'passwordbaru',
  'gantipassword',
  'bismillah123',
  'indonesia123',
  'kabupaten123',
  'ekinerja1234',
  'ekinerja2026',
  'aaaaaaaaaaaa',
];

export const ubahPasswordSchema = (akun: { nip: string }) =>
  z
    .object({
      passwordLama: z
        .string({ error: 'Password lama wajib diisi.' })
        .min(1, 'Password lama wajib diisi.')
        .max(200, 'Password terlalu panjang.'),
      passwordBaru: z
        .string({ error: 'Password baru wajib diisi.' })
        .min(PASSWORD_MIN, `Password baru minimal ${PASSWORD_MIN} karakter.`)
        .max(PASSWORD_MAX, `Password baru paling panjang ${PASSWORD_MAX} karakter.`),
      konfirmasi: z.string({ error: 'Ulangi password baru.' }),
    })
    .superRefine((v, ctx) => {
      const lower = v.passwordBaru.toLowerCase();
      if (v.passwordBaru.length >= PASSWORD_MIN && (COMMON.includes(lower) || /^(.)\1+$/.test(v.passwordBaru))) {
        ctx.addIssue({ code: 'custom', path: ['passwordBaru'], message: 'Password ini terlalu umum dan mudah ditebak.' });
      }
      if (v.passwordBaru.includes(akun.nip) || v.passwordBaru.includes(akun.nip.slice(0, 8))) {
        ctx.addIssue({ code: 'custom', path: ['passwordBaru'], message: 'Password tidak boleh memuat NIP atau tanggal lahir Anda.' });
      }
      if (v.passwordBaru === v.passwordLama) {
        ctx.addIssue({ code: 'custom', path: ['passwordBaru'], message: 'Password baru harus berbeda dari password lama.' });
      }
      if (v.konfirmasi !== v.passwordBaru) {
        ctx.addIssue({ code: 'custom', path: ['konfirmasi'], message: 'Ulangan password baru tidak sama.' });
      }
    });
