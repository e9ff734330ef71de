-- Issue 19: SKP as PermenPAN-RB 6/2022 runs it (docs/skp.md).
--   skp            one per pegawai per period: the year, or the part of it in one jabatan (a mutasi closes it at TMT − 1)
--   rhk            Rencana Hasil Kerja of an SKP; each names the RHK of the atasan it intervenes (rhk_atasan_id), or,
--                  for the top of an OPD, one of the OPD's own goals (tujuan_opd_id)
--   rhk_indikator  the IKI and the target of each aspek (kuantitas, kualitas, waktu, biaya) of an RHK
--   skp_perilaku   ekspektasi khusus pimpinan per core value BerAKHLAK
--   tujuan_opd     the OPD's goals for a year (admin/pimpinan list, CSV import)
--   umpan_balik    continuous feedback of the atasan on an RHK, a core value or the SKP, answered by the pegawai; a
--                  realisasi returned with a note is written here too, so the history is one list
--   evaluasi_kinerja  the monthly (bulan 1–12) and annual (bulan NULL) rating: hasil kerja × perilaku kerja → predikat;
--                  replaces predikat_kinerja (triwulan), migrated below
--   kinerja_organisasi  capaian organisasi per OPD and period (leader's rule; the distribution curve's organisation predikat)
-- The existing annual targets become the targets of RHK: target_tahunan.rhk_id, filled by skp_dari_target() below.

CREATE TYPE "JenisRhk" AS ENUM ('UTAMA', 'TAMBAHAN');
CREATE TYPE "AspekRhk" AS ENUM ('KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA');
CREATE TYPE "NilaiBerakhlak" AS ENUM ('BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF');
CREATE TYPE "PredikatOrganisasi" AS ENUM ('ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG');

-- ── Tujuan OPD ──────────────────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "tujuan_opd" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "kode" VARCHAR(40),
    "uraian" VARCHAR(1000) NOT NULL,
    "indikator" VARCHAR(1000),
    "target" VARCHAR(200),
    "urutan" INTEGER NOT NULL DEFAULT 0,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "tujuan_opd_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tujuan_opd_uraian_isi" CHECK (btrim("uraian") <> '')
);
CREATE UNIQUE INDEX "tujuan_opd_unit_id_tahun_uraian_key" ON "tujuan_opd"("unit_id", "tahun", "uraian");
ALTER TABLE "tujuan_opd" ADD CONSTRAINT "tujuan_opd_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── SKP ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "skp" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "mulai" DATE NOT NULL,
    "selesai" DATE NOT NULL,
    "jabatan_id" INTEGER,
    "unit_id" INTEGER,
    "atasan_id" INTEGER,
    "status" "StatusTarget" NOT NULL DEFAULT 'DRAF',
    "catatan_atasan" VARCHAR(1000),
    "diputus_oleh_id" INTEGER,
    "diputus_at" TIMESTAMPTZ(3),
    "diputus_sebagai" VARCHAR(10),
    "dukungan_sumber_daya" VARCHAR(4000),
    "skema_pertanggungjawaban" VARCHAR(4000),
    "konsekuensi" VARCHAR(4000),
    "versi" INTEGER NOT NULL DEFAULT 0,
    "idempotency_key" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "skp_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "skp_rentang" CHECK ("selesai" >= "mulai" AND extract(year FROM "mulai") = "tahun" AND extract(year FROM "selesai") = "tahun"),
    -- a pegawai has one SKP on any day
    CONSTRAINT "skp_tidak_tumpang" EXCLUDE USING gist
      (int4range("pegawai_id", "pegawai_id", '[]') WITH =, daterange("mulai", "selesai", '[]') WITH &&)
);
CREATE INDEX "skp_pegawai_id_tahun_idx" ON "skp"("pegawai_id", "tahun");
CREATE INDEX "skp_atasan_id_idx" ON "skp"("atasan_id");
CREATE INDEX "skp_unit_id_tahun_idx" ON "skp"("unit_id", "tahun");
CREATE UNIQUE INDEX "skp_pegawai_id_idempotency_key_key" ON "skp"("pegawai_id", "idempotency_key");
ALTER TABLE "skp" ADD CONSTRAINT "skp_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "skp" ADD CONSTRAINT "skp_jabatan_id_fkey" FOREIGN KEY ("jabatan_id") REFERENCES "jabatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "skp" ADD CONSTRAINT "skp_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "skp" ADD CONSTRAINT "skp_atasan_id_fkey" FOREIGN KEY ("atasan_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "skp" ADD CONSTRAINT "skp_diputus_oleh_id_fkey" FOREIGN KEY ("diputus_oleh_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ── RHK and its indicators ──────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "rhk" (
    "id" SERIAL NOT NULL,
    "skp_id" INTEGER NOT NULL,
    "jenis" "JenisRhk" NOT NULL DEFAULT 'UTAMA',
    "uraian" VARCHAR(1000) NOT NULL,
    "rhk_atasan_id" INTEGER,
    "tujuan_opd_id" INTEGER,
    "urutan" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rhk_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rhk_uraian_isi" CHECK (btrim("uraian") <> ''),
    -- an RHK intervenes one thing: its atasan's RHK, or (the top of an OPD) one of the OPD's goals
    CONSTRAINT "rhk_satu_intervensi" CHECK ("rhk_atasan_id" IS NULL OR "tujuan_opd_id" IS NULL),
    CONSTRAINT "rhk_bukan_diri" CHECK ("rhk_atasan_id" IS NULL OR "rhk_atasan_id" <> "id")
);
CREATE INDEX "rhk_skp_id_idx" ON "rhk"("skp_id");
-- the matriks peran hasil and "who works on my results": the bawahan RHK of an RHK
CREATE INDEX "rhk_rhk_atasan_id_idx" ON "rhk"("rhk_atasan_id");
CREATE INDEX "rhk_tujuan_opd_id_idx" ON "rhk"("tujuan_opd_id");
ALTER TABLE "rhk" ADD CONSTRAINT "rhk_skp_id_fkey" FOREIGN KEY ("skp_id") REFERENCES "skp"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- an atasan's RHK that bawahan intervene cannot be deleted from under them: unlink first (the service says which)
ALTER TABLE "rhk" ADD CONSTRAINT "rhk_rhk_atasan_id_fkey" FOREIGN KEY ("rhk_atasan_id") REFERENCES "rhk"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rhk" ADD CONSTRAINT "rhk_tujuan_opd_id_fkey" FOREIGN KEY ("tujuan_opd_id") REFERENCES "tujuan_opd"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A cascade never loops (an RHK cannot, through its atasan's RHK and theirs, intervene itself).
CREATE FUNCTION rhk_tanpa_putaran() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.rhk_atasan_id IS NOT NULL AND EXISTS (
    WITH RECURSIVE naik(id, jalan) AS (
      SELECT NEW.rhk_atasan_id, ARRAY[NEW.id]
      UNION ALL
      SELECT r.rhk_atasan_id, naik.jalan || naik.id FROM rhk r JOIN naik ON r.id = naik.id
       WHERE r.rhk_atasan_id IS NOT NULL AND NOT naik.id = ANY(naik.jalan)
    ) SELECT 1 FROM naik WHERE naik.id = NEW.id
  ) THEN
    RAISE EXCEPTION 'RHK % membentuk putaran intervensi', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'rhk_tanpa_putaran';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "rhk_tanpa_putaran" BEFORE INSERT OR UPDATE OF "rhk_atasan_id" ON "rhk" FOR EACH ROW EXECUTE FUNCTION rhk_tanpa_putaran();

CREATE TABLE "rhk_indikator" (
    "id" SERIAL NOT NULL,
    "rhk_id" INTEGER NOT NULL,
    "aspek" "AspekRhk" NOT NULL,
    "iki" VARCHAR(1000) NOT NULL,
    "target_angka" DECIMAL(14,2),
    "satuan" VARCHAR(60),
    "target_teks" VARCHAR(500),
    CONSTRAINT "rhk_indikator_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rhk_indikator_iki_isi" CHECK (btrim("iki") <> ''),
    -- a target is a number with its satuan, or a statement
    CONSTRAINT "rhk_indikator_target" CHECK (("target_angka" IS NOT NULL AND "satuan" IS NOT NULL AND "target_angka" >= 0) OR "target_teks" IS NOT NULL)
);
CREATE UNIQUE INDEX "rhk_indikator_rhk_id_aspek_key" ON "rhk_indikator"("rhk_id", "aspek");
ALTER TABLE "rhk_indikator" ADD CONSTRAINT "rhk_indikator_rhk_id_fkey" FOREIGN KEY ("rhk_id") REFERENCES "rhk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "skp_perilaku" (
    "skp_id" INTEGER NOT NULL,
    "nilai" "NilaiBerakhlak" NOT NULL,
    "ekspektasi_khusus" VARCHAR(2000) NOT NULL,
    "ditulis_oleh_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "skp_perilaku_pkey" PRIMARY KEY ("skp_id", "nilai")
);
ALTER TABLE "skp_perilaku" ADD CONSTRAINT "skp_perilaku_skp_id_fkey" FOREIGN KEY ("skp_id") REFERENCES "skp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The annual targets (daily logs are picked against them) belong to an RHK.
ALTER TABLE "target_tahunan" ADD COLUMN "rhk_id" INTEGER;
CREATE INDEX "target_tahunan_rhk_id_idx" ON "target_tahunan"("rhk_id");
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_rhk_id_fkey" FOREIGN KEY ("rhk_id") REFERENCES "rhk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ── Umpan balik berkelanjutan ───────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "umpan_balik" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "skp_id" INTEGER,
    "rhk_id" INTEGER,
    "perilaku" "NilaiBerakhlak",
    "realisasi_id" INTEGER,
    "induk_id" INTEGER,
    "penulis_id" INTEGER NOT NULL,
    "penulis_sebagai" VARCHAR(10),
    "isi" VARCHAR(2000) NOT NULL,
    "dibuat_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "umpan_balik_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "umpan_balik_isi" CHECK (btrim("isi") <> '')
);
CREATE INDEX "umpan_balik_pegawai_id_dibuat_at_idx" ON "umpan_balik"("pegawai_id", "dibuat_at");
CREATE INDEX "umpan_balik_induk_id_idx" ON "umpan_balik"("induk_id");
CREATE INDEX "umpan_balik_rhk_id_idx" ON "umpan_balik"("rhk_id");
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_skp_id_fkey" FOREIGN KEY ("skp_id") REFERENCES "skp"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_rhk_id_fkey" FOREIGN KEY ("rhk_id") REFERENCES "rhk"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_realisasi_id_fkey" FOREIGN KEY ("realisasi_id") REFERENCES "realisasi"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_induk_id_fkey" FOREIGN KEY ("induk_id") REFERENCES "umpan_balik"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "umpan_balik" ADD CONSTRAINT "umpan_balik_penulis_id_fkey" FOREIGN KEY ("penulis_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Evaluasi kinerja (periodik bulanan and tahunan) ─────────────────────────────────────────────────────────────────
CREATE TABLE "evaluasi_kinerja" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "skp_id" INTEGER,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT,
    "unit_id" INTEGER,
    "hasil_kerja" "Ekspektasi" NOT NULL,
    "perilaku_kerja" "Ekspektasi" NOT NULL,
    "predikat" VARCHAR(40) NOT NULL,
    "catatan" VARCHAR(2000),
    "penilai_id" INTEGER,
    "penilai_sebagai" VARCHAR(10),
    "hasil_dari_organisasi" BOOLEAN NOT NULL DEFAULT false,
    "melanggar_kurva" BOOLEAN NOT NULL DEFAULT false,
    "versi" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "evaluasi_kinerja_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "evaluasi_kinerja_bulan" CHECK ("bulan" IS NULL OR "bulan" BETWEEN 1 AND 12),
    CONSTRAINT "evaluasi_kinerja_predikat" CHECK ("predikat" IN ('Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang'))
);
-- one monthly rating per pegawai and month, one annual (bulan NULL) per year
CREATE UNIQUE INDEX "evaluasi_kinerja_pegawai_tahun_bulan_key" ON "evaluasi_kinerja"("pegawai_id", "tahun", "bulan") NULLS NOT DISTINCT;
-- the distribution curve of a unit's period, the national export of a period
CREATE INDEX "evaluasi_kinerja_tahun_bulan_unit_id_idx" ON "evaluasi_kinerja"("tahun", "bulan", "unit_id");
ALTER TABLE "evaluasi_kinerja" ADD CONSTRAINT "evaluasi_kinerja_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "evaluasi_kinerja" ADD CONSTRAINT "evaluasi_kinerja_skp_id_fkey" FOREIGN KEY ("skp_id") REFERENCES "skp"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "evaluasi_kinerja" ADD CONSTRAINT "evaluasi_kinerja_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "evaluasi_kinerja" ADD CONSTRAINT "evaluasi_kinerja_penilai_id_fkey" FOREIGN KEY ("penilai_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ── Kinerja organisasi ──────────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "kinerja_organisasi" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT,
    "capaian" DECIMAL(7,2) NOT NULL,
    "predikat" "PredikatOrganisasi" NOT NULL,
    "sumber" VARCHAR(500) NOT NULL,
    "dicatat_oleh_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "kinerja_organisasi_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "kinerja_organisasi_bulan" CHECK ("bulan" IS NULL OR "bulan" BETWEEN 1 AND 12),
    CONSTRAINT "kinerja_organisasi_capaian" CHECK ("capaian" >= 0 AND "capaian" <= 1000),
    CONSTRAINT "kinerja_organisasi_sumber" CHECK (btrim("sumber") <> '')
);
CREATE UNIQUE INDEX "kinerja_organisasi_unit_tahun_bulan_key" ON "kinerja_organisasi"("unit_id", "tahun", "bulan") NULLS NOT DISTINCT;
ALTER TABLE "kinerja_organisasi" ADD CONSTRAINT "kinerja_organisasi_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Data already recorded (docs/skp.md, "Migration") ────────────────────────────────────────────────────────────────
-- Every (pegawai, tahun) that has annual targets without an RHK gets an SKP per stretch of one jabatan in that year
-- (consecutive riwayat rows of the same jabatan are one stretch: a new atasan alone does not end an SKP), approved when
-- any of its targets was approved (the targets were agreed), else a draft; each target becomes one RHK of the SKP of
-- its task's jabatan (utama for an SKP target, tambahan for one added during the year) with a kuantitas indicator equal
-- to the target, and the target points to it. Nothing is deleted or changed in the targets but rhk_id, so Realisasi
-- Kinerja and every capaian read the same rows as before. The RHK name no atasan's RHK yet: the matriks peran hasil
-- shows them as intervening nothing until the pegawai links them. A function, so a test can run it on data it made.
CREATE FUNCTION skp_dari_target() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  dibuat integer;
BEGIN
  -- stretches of one jabatan per pegawai and year, from the history clipped to the year
  CREATE TEMP TABLE skp_rentang ON COMMIT DROP AS
  WITH perlu AS (
    SELECT DISTINCT pegawai_id, tahun FROM target_tahunan WHERE rhk_id IS NULL
  ),
  potong AS (
    SELECT p.pegawai_id, p.tahun, h.jabatan_id, h.unit_id, h.atasan_id,
           GREATEST(COALESCE(h.tmt_awal, make_date(p.tahun, 1, 1)), make_date(p.tahun, 1, 1)) AS mulai,
           LEAST(COALESCE(h.tmt_akhir - 1, make_date(p.tahun, 12, 31)), make_date(p.tahun, 12, 31)) AS selesai
    FROM perlu p JOIN riwayat_jabatan h ON h.pegawai_id = p.pegawai_id
    WHERE (h.tmt_awal IS NULL OR h.tmt_awal <= make_date(p.tahun, 12, 31))
      AND (h.tmt_akhir IS NULL OR h.tmt_akhir > make_date(p.tahun, 1, 1))
  ),
  pulau AS (
    SELECT *, sum(baru) OVER (PARTITION BY pegawai_id, tahun ORDER BY mulai) AS ke FROM (
      SELECT *, CASE WHEN jabatan_id IS NOT DISTINCT FROM lag(jabatan_id) OVER w THEN 0 ELSE 1 END AS baru
      FROM potong WINDOW w AS (PARTITION BY pegawai_id, tahun ORDER BY mulai)) x
  )
  SELECT pegawai_id, tahun, min(mulai) AS mulai, max(selesai) AS selesai,
         (array_agg(jabatan_id ORDER BY mulai DESC))[1] AS jabatan_id,
         (array_agg(unit_id ORDER BY mulai DESC))[1] AS unit_id,
         (array_agg(atasan_id ORDER BY mulai DESC))[1] AS atasan_id
  FROM pulau WHERE mulai <= selesai GROUP BY pegawai_id, tahun, ke
  UNION ALL
  -- a pegawai-year with targets and no history row in that year: one SKP for the year in today's jabatan
  SELECT p.pegawai_id, p.tahun, make_date(p.tahun, 1, 1), make_date(p.tahun, 12, 31), g.jabatan_id, g.unit_id, g.atasan_id
  FROM perlu p JOIN pegawai g ON g.id = p.pegawai_id
  WHERE NOT EXISTS (SELECT 1 FROM potong x WHERE x.pegawai_id = p.pegawai_id AND x.tahun = p.tahun);

  -- a stretch that an SKP already made by hand overlaps is left to that SKP
  INSERT INTO skp (pegawai_id, tahun, mulai, selesai, jabatan_id, unit_id, atasan_id, status, updated_at)
  SELECT r.pegawai_id, r.tahun, r.mulai, r.selesai, r.jabatan_id, r.unit_id, r.atasan_id,
         CASE WHEN EXISTS (SELECT 1 FROM target_tahunan t WHERE t.pegawai_id = r.pegawai_id AND t.tahun = r.tahun AND t.status = 'DISETUJUI')
              THEN 'DISETUJUI'::"StatusTarget" ELSE 'DRAF'::"StatusTarget" END,
         CURRENT_TIMESTAMP
  FROM skp_rentang r
  WHERE NOT EXISTS (SELECT 1 FROM skp s WHERE s.pegawai_id = r.pegawai_id AND daterange(s.mulai, s.selesai, '[]') && daterange(r.mulai, r.selesai, '[]'));
  GET DIAGNOSTICS dibuat = ROW_COUNT;

  -- each target: the pegawai's SKP of that year whose jabatan is the task's (the earliest), else the one in force when
  -- the target was made, else the year's first; one RHK per target, in the target's order
  CREATE TEMP TABLE skp_pilih ON COMMIT DROP AS
  SELECT t.id AS target_id, t.pekerjaan, t.kuantitas, t.satuan, t.asal,
         (SELECT s.id FROM skp s JOIN uraian_tugas u ON u.id = t.uraian_tugas_id
           WHERE s.pegawai_id = t.pegawai_id AND s.tahun = t.tahun
           ORDER BY (s.jabatan_id IS NOT DISTINCT FROM u.jabatan_id) DESC,
                    (t.created_at::date BETWEEN s.mulai AND s.selesai) DESC, s.mulai
           LIMIT 1) AS skp_id
  FROM target_tahunan t WHERE t.rhk_id IS NULL;

  CREATE TEMP TABLE rhk_baru ON COMMIT DROP AS
  WITH ins AS (
    INSERT INTO rhk (skp_id, jenis, uraian, urutan, updated_at)
    SELECT p.skp_id, CASE WHEN p.asal = 'SKP' THEN 'UTAMA'::"JenisRhk" ELSE 'TAMBAHAN'::"JenisRhk" END, p.pekerjaan,
           p.target_id, CURRENT_TIMESTAMP
    FROM skp_pilih p WHERE p.skp_id IS NOT NULL ORDER BY p.target_id
    RETURNING id, skp_id, urutan)
  SELECT id, urutan AS target_id FROM ins;

  INSERT INTO rhk_indikator (rhk_id, aspek, iki, target_angka, satuan)
  SELECT b.id, 'KUANTITAS', 'Jumlah ' || p.satuan || ' ' || p.pekerjaan, p.kuantitas, p.satuan
  FROM rhk_baru b JOIN skp_pilih p ON p.target_id = b.target_id;

  UPDATE target_tahunan t SET rhk_id = b.id FROM rhk_baru b WHERE b.target_id = t.id;
  -- the RHK's order within its SKP: 1, 2, 3… (the target id was only a carrier above)
  UPDATE rhk r SET urutan = x.n FROM (
    SELECT id, row_number() OVER (PARTITION BY skp_id ORDER BY urutan) AS n FROM rhk WHERE id IN (SELECT id FROM rhk_baru)) x
  WHERE x.id = r.id;
  DROP TABLE skp_pilih, rhk_baru, skp_rentang;
  RETURN dibuat;
END $$;
SELECT skp_dari_target();

-- ── The triwulan ratings become monthly ones ────────────────────────────────────────────────────────────────────────
-- A triwulan's rating is the rating of each of its three months (noted as such); the annual one stays annual. The
-- penilai is kept; the unit is the pegawai's on the month's last day (their history), for the distribution curve.
INSERT INTO evaluasi_kinerja (pegawai_id, skp_id, tahun, bulan, unit_id, hasil_kerja, perilaku_kerja, predikat, catatan,
                              penilai_id, updated_at)
SELECT k.pegawai_id,
       (SELECT s.id FROM skp s WHERE s.pegawai_id = k.pegawai_id AND s.mulai <= x.akhir AND s.selesai >= make_date(k.tahun, COALESCE(x.bulan, 1), 1) ORDER BY s.selesai DESC LIMIT 1),
       k.tahun, x.bulan,
       COALESCE((SELECT h.unit_id FROM riwayat_jabatan h WHERE h.pegawai_id = k.pegawai_id
                   AND (h.tmt_awal IS NULL OR h.tmt_awal <= x.akhir) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > x.akhir) LIMIT 1),
                (SELECT unit_id FROM pegawai WHERE id = k.pegawai_id)),
       k.hasil_kerja, k.perilaku_kerja, k.predikat,
       CASE WHEN x.bulan IS NULL THEN k.catatan
            ELSE left(concat_ws(' ', 'Dari penilaian ' || CASE k.periode WHEN 'TW1' THEN 'Triwulan I' WHEN 'TW2' THEN 'Triwulan II'
                                   WHEN 'TW3' THEN 'Triwulan III' ELSE 'Triwulan IV' END || '.', k.catatan), 2000) END,
       k.penilai_id, k.updated_at
FROM predikat_kinerja k
CROSS JOIN LATERAL (
  SELECT m::smallint AS bulan, (make_date(k.tahun, m, 1) + interval '1 month' - interval '1 day')::date AS akhir
  FROM (SELECT CASE k.periode WHEN 'TW1' THEN 1 WHEN 'TW2' THEN 2 WHEN 'TW3' THEN 3 WHEN 'TW4' THEN 4 ELSE 0 END AS tw) q
  CROSS JOIN generate_series(3 * q.tw - 2, 3 * q.tw) AS m
  WHERE q.tw > 0
  UNION ALL
  SELECT NULL::smallint, make_date(k.tahun, 12, 31) WHERE k.periode = 'TAHUNAN'
) x
ON CONFLICT DO NOTHING;

DROP TABLE "predikat_kinerja";
DROP TYPE "PeriodePredikat";
