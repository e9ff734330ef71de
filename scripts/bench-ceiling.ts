// The ceiling of `npm run bench`: what bare Express + EJS + `pg` serves for the same page shapes on the same
// database, with no session, no ORM, no CSRF, no audit. The app's figures are read as a ratio of these.
//   GET  /login              bare Express: a fixed page, no template, no query
//   GET  /abk                Express + EJS: a 25-row table from memory, no query
//   GET  /realisasi/:id      Express + EJS + one indexed query: one pegawai's month, 25 rows
//   POST /realisasi/:id      urlencoded body, one bare INSERT, 303
// Started by scripts/bench.ts as its own process (like the app): PORT, DATABASE_URL, BULAN_AWAL, BULAN_AKHIR, HARI_INI.
import ejs from 'ejs';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pg.types.setTypeParser(1082, (v) => v);
const awal = process.env.BULAN_AWAL!;
const akhir = process.env.BULAN_AKHIR!;
const hariIni = process.env.HARI_INI!;

const table = ejs.compile(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title><%= title %></title></head><body>
<h1><%= title %></h1><table><thead><tr><th>Tanggal</th><th>Pekerjaan</th><th>Jumlah</th><th>Satuan</th><th>Status</th></tr></thead><tbody>
<% for (const r of rows) { %><tr><td><%= r.tanggal %></td><td><%= r.pekerjaan %></td><td><%= r.jumlah %></td><td><%= r.satuan %></td><td><%= r.status === 1 ? 'Diverifikasi' : 'Belum' %></td></tr>
<% } %></tbody></table></body></html>`);

const abkRows = Array.from({ length: 25 }, (_, i) => ({
  tanggal: `Jabatan ${i + 1}`,
  pekerjaan: `Uraian tugas nomor ${i + 1} dengan nama yang cukup panjang`,
  jumlah: (i * 1.37).toFixed(2),
  satuan: 'Orang',
  status: i % 2,
}));
const loginPage = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Login</title></head><body>
<form method="post" action="/login"><input name="nip"><input name="password" type="password"><button>Masuk</button></form></body></html>`;

const app = express();
app.disable('x-powered-by');
app.use(express.urlencoded({ extended: false }));
app.get('/login', (_req, res) => void res.type('html').send(loginPage));
app.get('/abk', (_req, res) => void res.type('html').send(table({ title: 'ABK', rows: abkRows })));
app.get('/realisasi/:id', async (req, res) => {
  const { rows } = await pool.query({
    name: 'bulan',
    text: `SELECT tanggal, pekerjaan, jumlah::text, satuan, status FROM realisasi
           WHERE pegawai_id = $1 AND tanggal BETWEEN $2 AND $3 ORDER BY tanggal DESC, id DESC LIMIT 25`,
    values: [Number(req.params.id), awal, akhir],
  });
  res.type('html').send(table({ title: 'Realisasi Kinerja', rows }));
});
app.post('/realisasi/:id', async (req, res) => {
  await pool.query({
    name: 'tulis',
    text: `INSERT INTO realisasi (pegawai_id, tanggal, pekerjaan, uraian, jumlah, satuan, menit, status, idempotency_key, updated_at)
           VALUES ($1, $2, 'Bench', 'bench', $3, 'Kegiatan', 60, 0, gen_random_uuid(), now())`,
    values: [Number(req.params.id), hariIni, Number(req.body.jumlah ?? 1)],
  });
  res.redirect(303, `/realisasi/${req.params.id}`);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ceiling siap'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
