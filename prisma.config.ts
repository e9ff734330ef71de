import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine from its binary host, which closed Pemda networks cannot reach.
// Our stand-in runs the same engine compiled to WebAssembly (prisma/engine/schema-engine.mjs). A user who has
// the native engine keeps it by setting PRISMA_SCHEMA_ENGINE_BINARY themselves.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/engine/schema-engine.mjs', import.meta.url));
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  // `prisma generate` needs no database; every other command is given DATABASE_URL (npm run db:* sets it for the
  // embedded server, see scripts/with-db.ts).
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/e_kinerja' },
});
