-- Evidence for docs/scaling.md: a year of a Kabupaten's realisasi (10,000 pegawai × 260 working days = 2.6 M rows)
-- in the app's table shape and indexes, then the same rows in a monthly-partitioned copy.
-- Run on a scratch database:  createdb ekinerja_scaling && psql -d ekinerja_scaling -f docs/scaling-evidence.sql
\timing on
SET client_min_messages = warning;
DROP TABLE IF EXISTS realisasi, realisasi_p CASCADE;

-- the columns and indexes of "realisasi" (prisma/migrations/20261124041301_init), without the foreign keys
CREATE TABLE realisasi (
  id serial PRIMARY KEY,
  pegawai_id int NOT NULL,
  tanggal date NOT NULL,
  target_tahunan_id int,
  target_bulanan_id int,
  pekerjaan varchar(500) NOT NULL,
  uraian varchar(2000),
  jumlah numeric(12,2) NOT NULL,
  satuan varchar(60) NOT NULL,
  menit int NOT NULL DEFAULT 0,
  status smallint NOT NULL DEFAULT 0,
  verified_by_id int,
  verified_at timestamptz(3),
  catatan_atasan varchar(1000),
  returned_at timestamptz(3),
  idempotency_key uuid NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  verifikasi_sebagai varchar(10)
);

INSERT INTO realisasi (pegawai_id, tanggal, target_bulanan_id, pekerjaan, jumlah, satuan, menit, status, idempotency_key)
SELECT p, d::date, p * 12 + extract(month FROM d)::int, 'Menyusun laporan kegiatan', 1, 'Dokumen', 60,
       CASE WHEN d < date '2026-11-01' THEN 1 ELSE (p + extract(day FROM d)::int) % 2 END, gen_random_uuid()
FROM generate_series(date '2026-01-01', date '2026-12-31', interval '1 day') d
CROSS JOIN generate_series(1, 10000) p
WHERE extract(isodow FROM d) < 6;

CREATE INDEX ON realisasi (pegawai_id, tanggal);
CREATE INDEX ON realisasi (pegawai_id, status, tanggal);
CREATE INDEX ON realisasi (target_bulanan_id);
CREATE UNIQUE INDEX ON realisasi (pegawai_id, idempotency_key);
VACUUM ANALYZE realisasi;
SELECT count(*) AS realisasi_rows, pg_size_pretty(pg_total_relation_size('realisasi')) AS size FROM realisasi;

-- Realisasi Kinerja: one pegawai's month
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, tanggal, pekerjaan, jumlah, satuan, menit, status FROM realisasi
WHERE pegawai_id = 4242 AND tanggal BETWEEN date '2026-11-01' AND date '2026-11-30' ORDER BY tanggal, id;

-- Verifikasi: an atasan's queue (12 subordinates, waiting entries, oldest first)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, pegawai_id, tanggal FROM realisasi
WHERE pegawai_id = ANY (ARRAY[4242,4243,4244,4245,4246,4247,4248,4249,4250,4251,4252,4253]) AND status = 0
ORDER BY tanggal, id LIMIT 50;

-- The same rows, partitioned by month. The primary key and every unique index must contain the partition key.
CREATE TABLE realisasi_p (LIKE realisasi INCLUDING DEFAULTS) PARTITION BY RANGE (tanggal);
ALTER TABLE realisasi_p ADD PRIMARY KEY (id, tanggal);
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT generate_series(date '2026-01-01', date '2026-12-01', interval '1 month')::date LOOP
    EXECUTE format('CREATE TABLE realisasi_p_%s PARTITION OF realisasi_p FOR VALUES FROM (%L) TO (%L)',
                   to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
  END LOOP;
END $$;
INSERT INTO realisasi_p SELECT * FROM realisasi;
CREATE INDEX ON realisasi_p (pegawai_id, tanggal);
CREATE INDEX ON realisasi_p (pegawai_id, status, tanggal);
CREATE UNIQUE INDEX ON realisasi_p (pegawai_id, idempotency_key, tanggal);
VACUUM ANALYZE realisasi_p;

EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, tanggal, pekerjaan, jumlah, satuan, menit, status FROM realisasi_p
WHERE pegawai_id = 4242 AND tanggal BETWEEN date '2026-11-01' AND date '2026-11-30' ORDER BY tanggal, id;

-- pruning at run time too (a parameter, as Prisma sends it)
PREPARE bulan(int, date, date) AS
  SELECT count(*) FROM realisasi_p WHERE pegawai_id = $1 AND tanggal BETWEEN $2 AND $3;
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE bulan(4242, '2026-11-01', '2026-11-30');

-- retention: a year leaves by detaching its partitions (no DELETE of 200,000 rows, no bloat)
EXPLAIN (COSTS OFF) DELETE FROM realisasi WHERE tanggal < date '2026-02-01';
BEGIN;
ALTER TABLE realisasi_p DETACH PARTITION realisasi_p_2026_01;
ROLLBACK;
