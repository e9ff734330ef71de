import { z } from 'zod';

export const loginSchema = z.object({
  nip: z
    .string({ error: 'NIP wajib diisi.' })
    .trim()
    .min(1, 'NIP wajib diisi.')
    .regex(/^\d{18}$/, 'NIP terdiri dari 18 digit angka, tanpa spasi.'),
  password: z.string({ error: 'Password wajib diisi.' }).min(1, 'Password wajib diisi.').max(200, 'Password terlalu panjang.'),
});

export type LoginInput = z.infer<typeof loginSchema>;
