-- CreateEnum
CREATE TYPE "JenisLibur" AS ENUM ('LIBUR_NASIONAL', 'CUTI_BERSAMA', 'LIBUR_DAERAH');

-- CreateEnum
CREATE TYPE "JenisKetidakhadiran" AS ENUM ('IZIN', 'SAKIT', 'CUTI', 'DINAS_LUAR', 'TUGAS_BELAJAR');

-- CreateEnum
CREATE TYPE "Ekspektasi" AS ENUM ('DI_BAWAH', 'SESUAI', 'DI_ATAS');

-- CreateEnum
CREATE TYPE "PeriodePredikat" AS ENUM ('TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN');

-- CreateTable
CREATE TABLE "hari_libur" (
    "tanggal" DATE NOT NULL,
    "nama" VARCHAR(150) NOT NULL,
    "jenis" "JenisLibur" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hari_libur_pkey" PRIMARY KEY ("tanggal")
);

-- CreateTable
CREATE TABLE "import_presensi" (
    "id" SERIAL NOT NULL,
    "nama_file" VARCHAR(200) NOT NULL,
    "baris" INTEGER NOT NULL,
    "baru" INTEGER NOT NULL,
    "diubah" INTEGER NOT NULL,
    "actor_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_presensi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "presensi" (
    "id" BIGSERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tanggal" DATE NOT NULL,
    "jam_masuk" TIME(0),
    "jam_pulang" TIME(0),
    "sumber" VARCHAR(20) NOT NULL DEFAULT 'MESIN',
    "import_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "presensi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ketidakhadiran" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "jenis" "JenisKetidakhadiran" NOT NULL,
    "mulai" DATE NOT NULL,
    "selesai" DATE NOT NULL,
    "catatan" VARCHAR(500),
    "dicatat_oleh_id" INTEGER,
    "dokumen_nama" VARCHAR(200),
    "dokumen" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ketidakhadiran_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tpp_pagu" (
    "kelas" SMALLINT NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "pagu" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tpp_pagu_pkey" PRIMARY KEY ("kelas","tahun")
);

-- CreateTable
CREATE TABLE "tpp_penetapan" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "ditetapkan_at" TIMESTAMPTZ(3) NOT NULL,
    "ditetapkan_oleh" INTEGER,

    CONSTRAINT "tpp_penetapan_pkey" PRIMARY KEY ("tahun","bulan")
);

-- CreateTable
CREATE TABLE "tpp_tetap" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "kelas" SMALLINT,
    "pagu" INTEGER NOT NULL,
    "capaian" DECIMAL(9,6),
    "kinerja" INTEGER NOT NULL,
    "disiplin" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "rincian" JSONB NOT NULL,

    CONSTRAINT "tpp_tetap_pkey" PRIMARY KEY ("tahun","bulan","pegawai_id")
);

-- CreateTable
CREATE TABLE "predikat_kinerja" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "periode" "PeriodePredikat" NOT NULL,
    "hasil_kerja" "Ekspektasi" NOT NULL,
    "perilaku_kerja" "Ekspektasi" NOT NULL,
    "predikat" VARCHAR(40) NOT NULL,
    "catatan" VARCHAR(1000),
    "penilai_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "predikat_kinerja_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rekap_kinerja_bulanan" (
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "entri" INTEGER NOT NULL DEFAULT 0,
    "terverifikasi" INTEGER NOT NULL DEFAULT 0,
    "menunggu" INTEGER NOT NULL DEFAULT 0,
    "menunggu_tertua" DATE,
    "menit_terverifikasi" INTEGER NOT NULL DEFAULT 0,
    "capaian" DECIMAL(9,6),

    CONSTRAINT "rekap_kinerja_bulanan_pkey" PRIMARY KEY ("pegawai_id","tahun","bulan")
);

-- CreateTable
CREATE TABLE "rekap_presensi_bulanan" (
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "hari_kerja" INTEGER NOT NULL DEFAULT 0,
    "hadir" INTEGER NOT NULL DEFAULT 0,
    "tl1" INTEGER NOT NULL DEFAULT 0,
    "tl2" INTEGER NOT NULL DEFAULT 0,
    "tl3" INTEGER NOT NULL DEFAULT 0,
    "tl4" INTEGER NOT NULL DEFAULT 0,
    "psw1" INTEGER NOT NULL DEFAULT 0,
    "psw2" INTEGER NOT NULL DEFAULT 0,
    "psw3" INTEGER NOT NULL DEFAULT 0,
    "psw4" INTEGER NOT NULL DEFAULT 0,
    "alpa" INTEGER NOT NULL DEFAULT 0,
    "menit_tl" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rekap_presensi_bulanan_pkey" PRIMARY KEY ("pegawai_id","tahun","bulan")
);

-- CreateTable
CREATE TABLE "presensi_cakupan" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "sampai" DATE NOT NULL,

    CONSTRAINT "presensi_cakupan_pkey" PRIMARY KEY ("tahun","bulan")
);

-- CreateIndex
CREATE INDEX "presensi_tanggal_idx" ON "presensi"("tanggal");

-- CreateIndex
CREATE UNIQUE INDEX "presensi_pegawai_id_tanggal_key" ON "presensi"("pegawai_id", "tanggal");

-- CreateIndex
CREATE INDEX "ketidakhadiran_pegawai_id_mulai_idx" ON "ketidakhadiran"("pegawai_id", "mulai");

-- CreateIndex
CREATE INDEX "tpp_tetap_pegawai_id_idx" ON "tpp_tetap"("pegawai_id");

-- CreateIndex
CREATE UNIQUE INDEX "predikat_kinerja_pegawai_id_tahun_periode_key" ON "predikat_kinerja"("pegawai_id", "tahun", "periode");

-- CreateIndex
CREATE INDEX "rekap_kinerja_bulanan_tahun_bulan_idx" ON "rekap_kinerja_bulanan"("tahun", "bulan");

-- CreateIndex
CREATE INDEX "rekap_presensi_bulanan_tahun_bulan_idx" ON "rekap_presensi_bulanan"("tahun", "bulan");

-- AddForeignKey
ALTER TABLE "presensi" ADD CONSTRAINT "presensi_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presensi" ADD CONSTRAINT "presensi_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import_presensi"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ketidakhadiran" ADD CONSTRAINT "ketidakhadiran_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tpp_tetap" ADD CONSTRAINT "tpp_tetap_tahun_bulan_fkey" FOREIGN KEY ("tahun", "bulan") REFERENCES "tpp_penetapan"("tahun", "bulan") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predikat_kinerja" ADD CONSTRAINT "predikat_kinerja_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Checks the database can hold.
ALTER TABLE "ketidakhadiran" ADD CONSTRAINT "ketidakhadiran_rentang" CHECK ("selesai" >= "mulai");
ALTER TABLE "tpp_pagu" ADD CONSTRAINT "tpp_pagu_positif" CHECK ("pagu" >= 0 AND "kelas" BETWEEN 1 AND 17);
ALTER TABLE "presensi" ADD CONSTRAINT "presensi_ada_jam" CHECK ("jam_masuk" IS NOT NULL OR "jam_pulang" IS NOT NULL);

-- Hari libur moves from the `hariLibur` setting (a list of dates) to its own table; the dates keep a generic name.
INSERT INTO "hari_libur" ("tanggal", "nama", "jenis", "updated_at")
SELECT DISTINCT d::date, 'Hari libur', 'LIBUR_NASIONAL'::"JenisLibur", now()
FROM "setting" s, jsonb_array_elements_text(CASE WHEN jsonb_typeof(s."value") = 'array' THEN s."value" ELSE '[]' END) AS d
WHERE s."key" = 'hariLibur' AND d ~ '^\d{4}-\d{2}-\d{2}$'
ON CONFLICT DO NOTHING;
DELETE FROM "setting" WHERE "key" = 'hariLibur';

-- The presensi rekap reads jam kerja from its setting row: make sure the row exists with the default of
-- src/domain/settings.ts (saving the settings page rewrites it; the app validates it before saving).
INSERT INTO "setting" ("key", "value", "updated_at") VALUES ('jamKerja',
  '{"senin":{"masuk":"07:30","pulang":"16:00"},"selasa":{"masuk":"07:30","pulang":"16:00"},"rabu":{"masuk":"07:30","pulang":"16:00"},"kamis":{"masuk":"07:30","pulang":"16:00"},"jumat":{"masuk":"07:30","pulang":"16:30"},"sabtu":null,"minggu":null}',
  now())
ON CONFLICT ("key") DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Monthly rekap tables. The dashboard reads only these; triggers recompute the affected (pegawai, month) rows in the
-- transaction that changes the source rows, whatever code path made the change (verification, import, edit, seed).
-- Statement-level triggers with transition tables: a bulk verify or an import of 300,000 rows recomputes each
-- affected pegawai-month once, set-based.

-- Capaian bulanan: the same rule as capaianBulanan() in src/domain/capaian.ts (verified only, each target capped at
-- 100 %, weighted by planned minutes = target × norma waktu, targets of 0 left out).
CREATE FUNCTION rekap_kinerja_hitung(p_pegawai int[], p_tahun int[], p_bulan int[]) RETURNS void LANGUAGE sql AS $$
  WITH k AS (
    SELECT DISTINCT pegawai_id, tahun, bulan, make_date(tahun, bulan, 1) AS awal
    FROM unnest(p_pegawai, p_tahun, p_bulan) AS k(pegawai_id, tahun, bulan)
  ),
  r AS (
    SELECT k.pegawai_id, k.tahun, k.bulan,
           count(x.id)::int AS entri,
           count(x.id) FILTER (WHERE x.status = 1)::int AS terverifikasi,
           count(x.id) FILTER (WHERE x.status = 0)::int AS menunggu,
           min(x.tanggal) FILTER (WHERE x.status = 0) AS menunggu_tertua,
           coalesce(sum(x.menit) FILTER (WHERE x.status = 1), 0)::int AS menit
    FROM k LEFT JOIN realisasi x
      ON x.pegawai_id = k.pegawai_id AND x.tanggal >= k.awal AND x.tanggal < (k.awal + interval '1 month')::date
    GROUP BY 1, 2, 3
  ),
  c AS (
    SELECT k.pegawai_id, k.tahun, k.bulan,
           round(sum(least(1, coalesce(v.jumlah, 0) / tb.kuantitas) * tb.kuantitas * ut.norma_waktu)
                 / nullif(sum(tb.kuantitas * ut.norma_waktu), 0), 6) AS capaian
    FROM k
    JOIN target_tahunan tt ON tt.pegawai_id = k.pegawai_id AND tt.tahun = k.tahun
    JOIN target_bulanan tb ON tb.target_tahunan_id = tt.id AND tb.bulan = k.bulan AND tb.kuantitas > 0
    JOIN uraian_tugas ut ON ut.id = tt.uraian_tugas_id
    LEFT JOIN LATERAL (
      SELECT sum(x.jumlah) AS jumlah FROM realisasi x
      WHERE x.target_tahunan_id = tt.id AND x.status = 1
        AND x.tanggal >= k.awal AND x.tanggal < (k.awal + interval '1 month')::date
    ) v ON true
    GROUP BY 1, 2, 3
  )
  INSERT INTO rekap_kinerja_bulanan AS t
    (pegawai_id, tahun, bulan, entri, terverifikasi, menunggu, menunggu_tertua, menit_terverifikasi, capaian)
  SELECT r.pegawai_id, r.tahun, r.bulan, r.entri, r.terverifikasi, r.menunggu, r.menunggu_tertua, r.menit, c.capaian
  FROM r LEFT JOIN c USING (pegawai_id, tahun, bulan)
  ON CONFLICT (pegawai_id, tahun, bulan) DO UPDATE SET
    entri = excluded.entri, terverifikasi = excluded.terverifikasi, menunggu = excluded.menunggu,
    menunggu_tertua = excluded.menunggu_tertua, menit_terverifikasi = excluded.menit_terverifikasi,
    capaian = excluded.capaian
$$;

CREATE FUNCTION rekap_kinerja_dari_realisasi() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM baru) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM lama) s;
  ELSE
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM baru
      UNION SELECT pegawai_id, extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM lama) s;
  END IF;
  IF p IS NOT NULL THEN PERFORM rekap_kinerja_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "realisasi_rekap_ins" AFTER INSERT ON "realisasi" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_realisasi();
CREATE TRIGGER "realisasi_rekap_upd" AFTER UPDATE ON "realisasi" REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_realisasi();
CREATE TRIGGER "realisasi_rekap_del" AFTER DELETE ON "realisasi" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_realisasi();

-- A changed monthly target changes the month's capaian.
CREATE FUNCTION rekap_kinerja_dari_target() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF TG_TABLE_NAME = 'target_tahunan' THEN
    -- a deleted annual target takes its months with it (cascade): recompute its year
    SELECT array_agg(pegawai_id), array_agg(tahun), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, tahun::int AS tahun, bl FROM lama CROSS JOIN generate_series(1, 12) bl) s;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(s.bulan::int) INTO p, t, b
    FROM (SELECT DISTINCT target_tahunan_id, bulan FROM baru) s JOIN target_tahunan tt ON tt.id = s.target_tahunan_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(s.bulan::int) INTO p, t, b
    FROM (SELECT DISTINCT target_tahunan_id, bulan FROM lama) s JOIN target_tahunan tt ON tt.id = s.target_tahunan_id;
  ELSE
    SELECT array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(s.bulan::int) INTO p, t, b
    FROM (SELECT target_tahunan_id, bulan FROM baru UNION SELECT target_tahunan_id, bulan FROM lama) s
    JOIN target_tahunan tt ON tt.id = s.target_tahunan_id;
  END IF;
  IF p IS NOT NULL THEN PERFORM rekap_kinerja_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "target_bulanan_rekap_ins" AFTER INSERT ON "target_bulanan" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_target();
CREATE TRIGGER "target_bulanan_rekap_upd" AFTER UPDATE ON "target_bulanan" REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_target();
CREATE TRIGGER "target_bulanan_rekap_del" AFTER DELETE ON "target_bulanan" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_target();
CREATE TRIGGER "target_tahunan_rekap_del" AFTER DELETE ON "target_tahunan" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_kinerja_dari_target();

-- Presensi bands: the same rule as band() in src/domain/presensi.ts.
CREATE FUNCTION presensi_band(menit int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN menit <= 0 THEN 0 WHEN menit <= 30 THEN 1 WHEN menit <= 60 THEN 2 WHEN menit <= 90 THEN 3 ELSE 4 END
$$;

-- Rekap presensi: the same rule as statusHari() in src/domain/presensi.ts, over the days the machine data covers
-- (presensi_cakupan): a working day after the last imported day is not yet absent.
CREATE FUNCTION rekap_presensi_hitung(p_pegawai int[], p_tahun int[], p_bulan int[]) RETURNS void LANGUAGE sql AS $$
  WITH k AS (
    SELECT DISTINCT pegawai_id, tahun, bulan, make_date(tahun, bulan, 1) AS awal
    FROM unnest(p_pegawai, p_tahun, p_bulan) AS k(pegawai_id, tahun, bulan)
  ),
  jk AS (SELECT value AS v FROM setting WHERE key = 'jamKerja'),
  hari AS (
    SELECT k.pegawai_id, k.tahun, k.bulan, d::date AS tanggal,
           jk.v -> (ARRAY['minggu','senin','selasa','rabu','kamis','jumat','sabtu'])[extract(dow FROM d)::int + 1] AS jadwal
    FROM k
    LEFT JOIN presensi_cakupan pc ON pc.tahun = k.tahun AND pc.bulan = k.bulan
    CROSS JOIN jk
    CROSS JOIN LATERAL generate_series(k.awal, coalesce(pc.sampai, k.awal - 1), interval '1 day') d
  ),
  kerja AS (
    SELECT h.pegawai_id, h.tahun, h.bulan, p.jam_masuk, p.jam_pulang,
           CASE WHEN p.jam_masuk IS NULL THEN NULL
                ELSE greatest(0, ceil(extract(epoch FROM p.jam_masuk - (h.jadwal->>'masuk')::time) / 60))::int END AS tl,
           CASE WHEN p.jam_pulang IS NULL THEN NULL
                ELSE greatest(0, ceil(extract(epoch FROM (h.jadwal->>'pulang')::time - p.jam_pulang) / 60))::int END AS psw
    FROM hari h
    LEFT JOIN presensi p ON p.pegawai_id = h.pegawai_id AND p.tanggal = h.tanggal
    WHERE jsonb_typeof(h.jadwal) = 'object'
      AND NOT EXISTS (SELECT 1 FROM hari_libur hl WHERE hl.tanggal = h.tanggal)
      AND NOT EXISTS (SELECT 1 FROM ketidakhadiran kh
                      WHERE kh.pegawai_id = h.pegawai_id AND kh.mulai <= h.tanggal AND kh.selesai >= h.tanggal)
  ),
  b AS (
    SELECT pegawai_id, tahun, bulan,
           (jam_masuk IS NULL AND jam_pulang IS NULL) AS alpa,
           CASE WHEN jam_masuk IS NULL AND jam_pulang IS NULL THEN 0 WHEN jam_masuk IS NULL THEN 4 ELSE presensi_band(tl) END AS tlb,
           CASE WHEN jam_masuk IS NULL AND jam_pulang IS NULL THEN 0 WHEN jam_pulang IS NULL THEN 4 ELSE presensi_band(psw) END AS pswb,
           coalesce(tl, 0) AS tl
    FROM kerja
  )
  INSERT INTO rekap_presensi_bulanan AS t
    (pegawai_id, tahun, bulan, hari_kerja, hadir, tl1, tl2, tl3, tl4, psw1, psw2, psw3, psw4, alpa, menit_tl)
  SELECT k.pegawai_id, k.tahun, k.bulan,
         count(b.pegawai_id)::int, count(*) FILTER (WHERE NOT b.alpa)::int,
         count(*) FILTER (WHERE b.tlb = 1)::int, count(*) FILTER (WHERE b.tlb = 2)::int,
         count(*) FILTER (WHERE b.tlb = 3)::int, count(*) FILTER (WHERE b.tlb = 4)::int,
         count(*) FILTER (WHERE b.pswb = 1)::int, count(*) FILTER (WHERE b.pswb = 2)::int,
         count(*) FILTER (WHERE b.pswb = 3)::int, count(*) FILTER (WHERE b.pswb = 4)::int,
         count(*) FILTER (WHERE b.alpa)::int, coalesce(sum(b.tl), 0)::int
  FROM k LEFT JOIN b USING (pegawai_id, tahun, bulan)
  GROUP BY 1, 2, 3
  ON CONFLICT (pegawai_id, tahun, bulan) DO UPDATE SET
    hari_kerja = excluded.hari_kerja, hadir = excluded.hadir, tl1 = excluded.tl1, tl2 = excluded.tl2,
    tl3 = excluded.tl3, tl4 = excluded.tl4, psw1 = excluded.psw1, psw2 = excluded.psw2, psw3 = excluded.psw3,
    psw4 = excluded.psw4, alpa = excluded.alpa, menit_tl = excluded.menit_tl
$$;

-- Presensi rows: recompute their pegawai-months; when a month's coverage grows, every active pegawai's month
-- (someone with no record at all is absent on the newly covered days).
CREATE FUNCTION rekap_presensi_dari_presensi() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM lama) s;
  ELSE
    WITH maks AS (
      SELECT extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl, max(tanggal) AS sampai
      FROM baru GROUP BY 1, 2
    ),
    naik AS (
      INSERT INTO presensi_cakupan AS pc (tahun, bulan, sampai)
      SELECT th, bl, sampai FROM maks
      ON CONFLICT (tahun, bulan) DO UPDATE SET sampai = excluded.sampai WHERE pc.sampai < excluded.sampai
      RETURNING tahun, bulan
    )
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM baru
      UNION SELECT pg.id, naik.tahun, naik.bulan FROM naik CROSS JOIN pegawai pg WHERE pg.aktif
    ) s;
    IF TG_OP = 'UPDATE' THEN
      SELECT p || array_agg(pegawai_id), t || array_agg(th), b || array_agg(bl) INTO p, t, b FROM (
        SELECT DISTINCT pegawai_id, extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl FROM lama) s;
    END IF;
  END IF;
  IF p IS NOT NULL THEN PERFORM rekap_presensi_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "presensi_rekap_ins" AFTER INSERT ON "presensi" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_presensi();
CREATE TRIGGER "presensi_rekap_upd" AFTER UPDATE ON "presensi" REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_presensi();
CREATE TRIGGER "presensi_rekap_del" AFTER DELETE ON "presensi" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_presensi();

-- Ketidakhadiran: the pegawai's months its range touches.
CREATE FUNCTION rekap_presensi_dari_ketidakhadiran() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, extract(year FROM m)::int th, extract(month FROM m)::int bl
      FROM baru CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT DISTINCT pegawai_id, extract(year FROM m)::int th, extract(month FROM m)::int bl
      FROM lama CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m) s;
  ELSE
    SELECT array_agg(pegawai_id), array_agg(th), array_agg(bl) INTO p, t, b FROM (
      SELECT pegawai_id, extract(year FROM m)::int th, extract(month FROM m)::int bl
      FROM baru CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m
      UNION SELECT pegawai_id, extract(year FROM m)::int, extract(month FROM m)::int
      FROM lama CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m) s;
  END IF;
  IF p IS NOT NULL THEN PERFORM rekap_presensi_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ketidakhadiran_rekap_ins" AFTER INSERT ON "ketidakhadiran" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_ketidakhadiran();
CREATE TRIGGER "ketidakhadiran_rekap_upd" AFTER UPDATE ON "ketidakhadiran" REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_ketidakhadiran();
CREATE TRIGGER "ketidakhadiran_rekap_del" AFTER DELETE ON "ketidakhadiran" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION rekap_presensi_dari_ketidakhadiran();

-- Hari libur and jam kerja change every pegawai's covered months: recompute the rekap rows that exist there.
-- hari_libur: one trigger per event so that both transition tables exist in the function (an absent side is empty)
CREATE FUNCTION hari_libur_rekap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(r.pegawai_id), array_agg(r.tahun::int), array_agg(r.bulan::int) INTO p, t, b
    FROM rekap_presensi_bulanan r
    WHERE (r.tahun, r.bulan) IN (SELECT DISTINCT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM baru);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(r.pegawai_id), array_agg(r.tahun::int), array_agg(r.bulan::int) INTO p, t, b
    FROM rekap_presensi_bulanan r
    WHERE (r.tahun, r.bulan) IN (SELECT DISTINCT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM lama);
  ELSE
    SELECT array_agg(r.pegawai_id), array_agg(r.tahun::int), array_agg(r.bulan::int) INTO p, t, b
    FROM rekap_presensi_bulanan r
    WHERE (r.tahun, r.bulan) IN (SELECT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM baru
                                 UNION SELECT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM lama);
  END IF;
  IF p IS NOT NULL THEN PERFORM rekap_presensi_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "hari_libur_rekap_ins" AFTER INSERT ON "hari_libur" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION hari_libur_rekap();
CREATE TRIGGER "hari_libur_rekap_upd" AFTER UPDATE ON "hari_libur" REFERENCING OLD TABLE AS lama NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION hari_libur_rekap();
CREATE TRIGGER "hari_libur_rekap_del" AFTER DELETE ON "hari_libur" REFERENCING OLD TABLE AS lama
  FOR EACH STATEMENT EXECUTE FUNCTION hari_libur_rekap();

CREATE FUNCTION jam_kerja_rekap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p int[]; t int[]; b int[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM baru WHERE key = 'jamKerja') THEN RETURN NULL; END IF;
  SELECT array_agg(pegawai_id), array_agg(tahun::int), array_agg(bulan::int) INTO p, t, b FROM rekap_presensi_bulanan;
  IF p IS NOT NULL THEN PERFORM rekap_presensi_hitung(p, t, b); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "setting_jam_kerja_ins" AFTER INSERT ON "setting" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION jam_kerja_rekap();
CREATE TRIGGER "setting_jam_kerja_upd" AFTER UPDATE ON "setting" REFERENCING NEW TABLE AS baru
  FOR EACH STATEMENT EXECUTE FUNCTION jam_kerja_rekap();

-- Backfill: the rekap of the realisasi and targets that exist before this migration (one set-based pass).
SELECT rekap_kinerja_hitung(array_agg(pegawai_id), array_agg(th), array_agg(bl))
FROM (
  SELECT DISTINCT pegawai_id, extract(year FROM tanggal)::int AS th, extract(month FROM tanggal)::int AS bl FROM realisasi
  UNION
  SELECT tt.pegawai_id, tt.tahun::int, tb.bulan::int FROM target_bulanan tb JOIN target_tahunan tt ON tt.id = tb.target_tahunan_id
) k
HAVING count(*) > 0;
