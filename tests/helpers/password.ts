import argon2 from 'argon2';

/**
 * The demo accounts' password hash in the test templates: argon2id, the same format the login verifies, at a light
 * cost. The suite logs in well over a thousand times, and on a 2-core machine under load one verification at the app's
 * ARGON2_OPTIONS (64 MiB, t=3) was measured at 0.8 s, most of the suite's time. What the app hashes itself (a changed
 * password, an admin-created account, `npm start`'s demo) keeps ARGON2_OPTIONS, and the tests of those paths verify
 * the hashes the app wrote.
 */
export const hashFixturePassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 2048, timeCost: 1, parallelism: 1 });
