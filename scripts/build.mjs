// Builds the server for `npm start` (run by `prestart`, so every start runs the code as it is now, never a stale
// build): src/server.ts and everything it imports bundled by esbuild into dist/server.js, packages left in
// node_modules. Plain JavaScript, so it needs nothing but Node and esbuild (installed with tsx).
//
// Modules find files next to themselves (views, public, migrations) through import.meta.url / import.meta.dirname;
// in one bundle those would all point at dist/, so each module's own location is written into it at build time,
// relative to the bundle (the checkout can move).
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, 'dist');
const started = performance.now();
// `node scripts/build.mjs [entry.ts]`: another entry (the bench's layer servers, scripts/bench-layers.ts) is built the
// same way into dist/<name>.js, so the bench compares like with like.
const entry = process.argv[2] ?? 'src/server.ts';
const outName = `${entry.replace(/^.*\//, '').replace(/\.ts$/, '')}.js`;

const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      if (text.includes('import.meta.')) {
        const file = JSON.stringify(relative(outdir, args.path));
        const dir = JSON.stringify(`${relative(outdir, dirname(args.path)) || '.'}/`);
        text = text.replace(/import\.meta\.(dirname|url)\b/g, (_, what) =>
          what === 'url' ? `new URL(${file}, import.meta.url).href` : `decodeURIComponent(new URL(${dir}, import.meta.url).pathname)`,
        );
      }
      return { contents: text, loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [resolve(root, entry)],
  outfile: resolve(outdir, outName),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [ownLocation],
});
if (process.env.BUILD_QUIET !== '1') console.log(`dist/${outName} dibangun dalam ${((performance.now() - started) / 1000).toFixed(2)} s`);
