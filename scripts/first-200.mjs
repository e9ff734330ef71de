// Cold start: runs a start command (e.g. `npm start`), polls GET /login until the first 200, prints the time, stops
// the app. Usage: PORT=3999 DATABASE_URL=… node scripts/first-200.mjs npm start
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3999';
const started = performance.now();
const child = spawn(process.argv[2], process.argv.slice(3), {
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
  env: { ...process.env, PORT: port },
});
let exited = false;
child.once('exit', () => {
  exited = true;
});
for (;;) {
  if (exited) throw new Error('the app stopped before answering');
  const ok = await fetch(`http://127.0.0.1:${port}/login`).then(
    (r) => r.status === 200,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 20));
}
console.log(`first 200 on /login after ${((performance.now() - started) / 1000).toFixed(2)} s`);
process.kill(-child.pid, 'SIGTERM');
await new Promise((r) => (exited ? r() : child.once('exit', r)));
