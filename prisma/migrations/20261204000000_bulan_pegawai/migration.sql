-- Issue 24: a pegawai's month, computed in one place (src/domain/bulan-pegawai.ts) and kept per pegawai-month for the
-- lists, the Dashboard and the workbook.
--
-- Before: two rekap tables filled by SQL triggers that repeated the presensi and capaian rules of the TypeScript code,
-- only for pegawai with presensi rows (a pegawai without one read as "no cut"), from the current pegawai row (a mutasi
-- rewrote the past), without ended targets or norma waktu changes. Now the triggers below only mark which
-- pegawai-months changed; the app computes a marked or missing month with the same function the pegawai's own page
-- uses, before any list reads it (src/services/bulan-pegawai.service.ts). So the table is complete (a row for every
-- pegawai for every month they served, computed on first read) and never stale (every source marks what it changes).

-- The TMT in this Pemda and the last day of service: days outside them are no working days of the pegawai.
ALTER TABLE "pegawai" ADD COLUMN "tmt" DATE, ADD COLUMN "berhenti" DATE;

-- TMT CPNS as the NIP encodes it (digits 9–14, yyyymm) when nothing else is given: the admin's form prefills the same.
CREATE FUNCTION nip_tmt(nip text) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN nip ~ '^\d{18}$' AND substr(nip, 13, 2)::int BETWEEN 1 AND 12 AND substr(nip, 9, 4)::int BETWEEN 1900 AND 2200
              THEN make_date(substr(nip, 9, 4)::int, substr(nip, 13, 2)::int, 1) END
$$;
CREATE FUNCTION pegawai_tmt_bawaan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tmt IS NULL THEN NEW.tmt := nip_tmt(NEW.nip); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "pegawai_tmt_bawaan" BEFORE INSERT ON "pegawai" FOR EACH ROW EXECUTE FUNCTION pegawai_tmt_bawaan();
UPDATE "pegawai" SET "tmt" = nip_tmt("nip");
-- a pegawai deactivated before this migration: the day of the deactivation is the best record of their last day
UPDATE "pegawai" SET "berhenti" = ("updated_at" AT TIME ZONE 'Asia/Jakarta')::date WHERE NOT "aktif";
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_masa_dinas" CHECK ("berhenti" IS NULL OR "tmt" IS NULL OR "berhenti" >= "tmt");

-- The old rekap: its triggers, functions and tables.
DROP TRIGGER "realisasi_rekap_ins" ON "realisasi";
DROP TRIGGER "realisasi_rekap_upd" ON "realisasi";
DROP TRIGGER "realisasi_rekap_del" ON "realisasi";
DROP TRIGGER "target_bulanan_rekap_ins" ON "target_bulanan";
DROP TRIGGER "target_bulanan_rekap_upd" ON "target_bulanan";
DROP TRIGGER "target_bulanan_rekap_del" ON "target_bulanan";
DROP TRIGGER "target_tahunan_rekap_del" ON "target_tahunan";
DROP TRIGGER "presensi_rekap_ins" ON "presensi";
DROP TRIGGER "presensi_rekap_upd" ON "presensi";
DROP TRIGGER "presensi_rekap_del" ON "presensi";
DROP TRIGGER "ketidakhadiran_rekap_ins" ON "ketidakhadiran";
DROP TRIGGER "ketidakhadiran_rekap_upd" ON "ketidakhadiran";
DROP TRIGGER "ketidakhadiran_rekap_del" ON "ketidakhadiran";
DROP TRIGGER "hari_libur_rekap_ins" ON "hari_libur";
DROP TRIGGER "hari_libur_rekap_upd" ON "hari_libur";
DROP TRIGGER "hari_libur_rekap_del" ON "hari_libur";
DROP TRIGGER "setting_jam_kerja_ins" ON "setting";
DROP TRIGGER "setting_jam_kerja_upd" ON "setting";
DROP FUNCTION rekap_kinerja_dari_realisasi();
DROP FUNCTION rekap_kinerja_dari_target();
DROP FUNCTION rekap_kinerja_hitung(int[], int[], int[]);
DROP FUNCTION rekap_presensi_dari_presensi();
DROP FUNCTION rekap_presensi_dari_ketidakhadiran();
DROP FUNCTION hari_libur_rekap();
DROP FUNCTION jam_kerja_rekap();
DROP FUNCTION rekap_presensi_hitung(int[], int[], int[]);
DROP FUNCTION presensi_band(int);
DROP TABLE "rekap_kinerja_bulanan";
DROP TABLE "rekap_presensi_bulanan";

-- A pegawai's month as src/domain/bulan-pegawai.ts computes it: the columns the lists sum, and in `rincian` what else
-- they read (the entries waiting per atasan of their day). A pegawai's page and a penetapan compute the whole month.
CREATE TABLE "bulan_pegawai" (
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "unit_id" INTEGER,
    "jabatan_id" INTEGER,
    "atasan_id" INTEGER,
    "kelas" SMALLINT,
    "hari_dinas" INTEGER NOT NULL,
    "hari_kerja" INTEGER NOT NULL,
    "hadir" INTEGER NOT NULL,
    "terlambat" INTEGER NOT NULL,
    "pulang_cepat" INTEGER NOT NULL,
    "alpa" INTEGER NOT NULL,
    "menit_tl" INTEGER NOT NULL,
    "entri" INTEGER NOT NULL,
    "terverifikasi" INTEGER NOT NULL,
    "menunggu" INTEGER NOT NULL,
    "menunggu_tertua" DATE,
    "menit_terverifikasi" INTEGER NOT NULL,
    "capaian" DECIMAL(9,6),
    "pagu" INTEGER NOT NULL,
    "kinerja" INTEGER NOT NULL,
    "disiplin" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "rincian" JSONB NOT NULL,
    "dihitung_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bulan_pegawai_pkey" PRIMARY KEY ("pegawai_id","tahun","bulan")
);
CREATE INDEX "bulan_pegawai_tahun_bulan_unit_id_idx" ON "bulan_pegawai"("tahun", "bulan", "unit_id");

-- Which pegawai-months changed since they were computed; and months in which every pegawai changed (hari libur,
-- jam kerja, settings, pagu).
CREATE TABLE "bulan_pegawai_kotor" (
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,

    CONSTRAINT "bulan_pegawai_kotor_pkey" PRIMARY KEY ("pegawai_id","tahun","bulan")
);
CREATE TABLE "bulan_kotor" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,

    CONSTRAINT "bulan_kotor_pkey" PRIMARY KEY ("tahun","bulan")
);

-- Marks: one set-based INSERT per statement (a bulk verify or an import marks each pegawai-month once).
CREATE FUNCTION tandai_bulan(p int[], t int[], b int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bulan_pegawai_kotor (pegawai_id, tahun, bulan)
  SELECT DISTINCT x.p, x.t, x.b FROM unnest(p, t, b) AS x(p, t, b) WHERE x.p IS NOT NULL
  ON CONFLICT DO NOTHING
$$;
-- every month a pegawai has a computed row for (a change of their history or service dates)
CREATE FUNCTION tandai_pegawai(p int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bulan_pegawai_kotor (pegawai_id, tahun, bulan)
  SELECT pegawai_id, tahun, bulan FROM bulan_pegawai WHERE pegawai_id = ANY(p)
  ON CONFLICT DO NOTHING
$$;

CREATE FUNCTION bulan_dari_tanggal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(extract(year FROM tanggal)::int), array_agg(extract(month FROM tanggal)::int)) FROM baru;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(extract(year FROM tanggal)::int), array_agg(extract(month FROM tanggal)::int)) FROM lama;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "realisasi_bulan_ins" AFTER INSERT ON "realisasi" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();
CREATE TRIGGER "realisasi_bulan_upd" AFTER UPDATE ON "realisasi" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();
CREATE TRIGGER "realisasi_bulan_del" AFTER DELETE ON "realisasi" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();
CREATE TRIGGER "presensi_bulan_ins" AFTER INSERT ON "presensi" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();
CREATE TRIGGER "presensi_bulan_upd" AFTER UPDATE ON "presensi" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();
CREATE TRIGGER "presensi_bulan_del" AFTER DELETE ON "presensi" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_tanggal();

-- Presensi coverage: the day up to which a month's machine data is known (was kept by the old presensi trigger).
CREATE FUNCTION presensi_cakupan_naik() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH maks AS (
    SELECT extract(year FROM tanggal)::int th, extract(month FROM tanggal)::int bl, max(tanggal) AS sampai FROM baru GROUP BY 1, 2
  ), naik AS (
    INSERT INTO presensi_cakupan AS pc (tahun, bulan, sampai) SELECT th, bl, sampai FROM maks
    ON CONFLICT (tahun, bulan) DO UPDATE SET sampai = excluded.sampai WHERE pc.sampai < excluded.sampai
    RETURNING tahun, bulan
  )
  INSERT INTO bulan_kotor (tahun, bulan) SELECT tahun, bulan FROM naik ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "presensi_cakupan_ins" AFTER INSERT ON "presensi" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION presensi_cakupan_naik();
CREATE TRIGGER "presensi_cakupan_upd" AFTER UPDATE ON "presensi" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION presensi_cakupan_naik();

CREATE FUNCTION bulan_dari_rentang() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(extract(year FROM m)::int), array_agg(extract(month FROM m)::int))
    FROM baru CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(extract(year FROM m)::int), array_agg(extract(month FROM m)::int))
    FROM lama CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ketidakhadiran_bulan_ins" AFTER INSERT ON "ketidakhadiran" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_rentang();
CREATE TRIGGER "ketidakhadiran_bulan_upd" AFTER UPDATE ON "ketidakhadiran" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_rentang();
CREATE TRIGGER "ketidakhadiran_bulan_del" AFTER DELETE ON "ketidakhadiran" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_rentang();

-- Targets: a monthly quantity, an annual target's end, status or deletion, an Anjab task's norma waktu.
CREATE FUNCTION bulan_dari_target_bulanan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tandai_bulan(array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(x.bulan::int))
    FROM baru x JOIN target_tahunan tt ON tt.id = x.target_tahunan_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(x.bulan::int))
    FROM lama x JOIN target_tahunan tt ON tt.id = x.target_tahunan_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "target_bulanan_bulan_ins" AFTER INSERT ON "target_bulanan" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_target_bulanan();
CREATE TRIGGER "target_bulanan_bulan_upd" AFTER UPDATE ON "target_bulanan" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_target_bulanan();
CREATE TRIGGER "target_bulanan_bulan_del" AFTER DELETE ON "target_bulanan" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_target_bulanan();

CREATE FUNCTION bulan_dari_target_tahunan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(tahun::int), array_agg(bl)) FROM lama CROSS JOIN generate_series(1, 12) bl;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(tahun::int), array_agg(bl)) FROM baru CROSS JOIN generate_series(1, 12) bl;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "target_tahunan_bulan_upd" AFTER UPDATE ON "target_tahunan" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_target_tahunan();
CREATE TRIGGER "target_tahunan_bulan_del" AFTER DELETE ON "target_tahunan" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_target_tahunan();

CREATE FUNCTION bulan_dari_uraian_tugas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tandai_bulan(array_agg(tt.pegawai_id), array_agg(tt.tahun::int), array_agg(bl))
  FROM (SELECT b.id FROM baru b JOIN lama l ON l.id = b.id WHERE b.norma_waktu IS DISTINCT FROM l.norma_waktu) u
  JOIN target_tahunan tt ON tt.uraian_tugas_id = u.id CROSS JOIN generate_series(1, 12) bl;
  RETURN NULL;
END $$;
CREATE TRIGGER "uraian_tugas_bulan_upd" AFTER UPDATE ON "uraian_tugas" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_uraian_tugas();

-- History and service dates: every computed month of the pegawai (a mutasi dated in the past moves those months),
-- and the months a new history row or service date reaches are computed when first read.
CREATE FUNCTION bulan_dari_pegawai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'pegawai' THEN
    PERFORM tandai_pegawai(array_agg(b.id)) FROM baru b JOIN lama l ON l.id = b.id
      WHERE (b.tmt, b.berhenti, b.aktif) IS DISTINCT FROM (l.tmt, l.berhenti, l.aktif);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM tandai_pegawai(array_agg(pegawai_id)) FROM lama;
  ELSE
    PERFORM tandai_pegawai(array_agg(pegawai_id)) FROM baru;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "pegawai_bulan_upd" AFTER UPDATE ON "pegawai" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pegawai();
CREATE TRIGGER "riwayat_bulan_ins" AFTER INSERT ON "riwayat_jabatan" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pegawai();
CREATE TRIGGER "riwayat_bulan_upd" AFTER UPDATE ON "riwayat_jabatan" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pegawai();
CREATE TRIGGER "riwayat_bulan_del" AFTER DELETE ON "riwayat_jabatan" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pegawai();

-- Whole months: a hari libur changes every pegawai's working days of its month.
CREATE FUNCTION bulan_dari_libur() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO bulan_kotor SELECT DISTINCT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM baru ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO bulan_kotor SELECT DISTINCT extract(year FROM tanggal)::int, extract(month FROM tanggal)::int FROM lama ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "hari_libur_bulan_ins" AFTER INSERT ON "hari_libur" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_libur();
CREATE TRIGGER "hari_libur_bulan_upd" AFTER UPDATE ON "hari_libur" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_libur();
CREATE TRIGGER "hari_libur_bulan_del" AFTER DELETE ON "hari_libur" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_libur();

-- Settings (jam kerja, TPP porsi and cuts, the basis of capaian …) and pagu: every computed month (of that year).
CREATE FUNCTION bulan_dari_pengaturan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'setting' THEN
    IF NOT EXISTS (SELECT 1 FROM baru WHERE key NOT IN ('abk_versi', 'logo', 'namaPemda')) THEN RETURN NULL; END IF;
    INSERT INTO bulan_kotor SELECT DISTINCT tahun, bulan FROM bulan_pegawai ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO bulan_kotor SELECT DISTINCT bp.tahun, bp.bulan FROM bulan_pegawai bp WHERE bp.tahun IN (SELECT tahun FROM baru)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "setting_bulan_ins" AFTER INSERT ON "setting" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pengaturan();
CREATE TRIGGER "setting_bulan_upd" AFTER UPDATE ON "setting" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pengaturan();
CREATE TRIGGER "tpp_pagu_bulan_ins" AFTER INSERT ON "tpp_pagu" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pengaturan();
CREATE TRIGGER "tpp_pagu_bulan_upd" AFTER UPDATE ON "tpp_pagu" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pengaturan();

-- The frozen month keeps its whole breakdown (issue 24: the cut lines with their dates, capaian, presensi) and the
-- moment it was frozen; the stored figures before this migration had only totals and cut lines without dates.
ALTER TABLE "tpp_tetap" ADD COLUMN "unit_id" INTEGER;
CREATE INDEX "tpp_tetap_tahun_bulan_unit_id_idx" ON "tpp_tetap"("tahun", "bulan", "unit_id");
UPDATE "tpp_tetap" t SET "unit_id" = p."unit_id" FROM "pegawai" p WHERE p."id" = t."pegawai_id";

-- Plt/Plh assignments are paid in the months they cover (src/domain/bulan-pegawai.ts): mark the pelaksana's months.
CREATE FUNCTION bulan_dari_penugasan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tandai_bulan(array_agg(pelaksana_id), array_agg(extract(year FROM m)::int), array_agg(extract(month FROM m)::int))
    FROM baru CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(pelaksana_id), array_agg(extract(year FROM m)::int), array_agg(extract(month FROM m)::int))
    FROM lama CROSS JOIN generate_series(date_trunc('month', mulai), selesai, interval '1 month') m;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "penugasan_bulan_ins" AFTER INSERT ON "penugasan_atasan" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_penugasan();
CREATE TRIGGER "penugasan_bulan_upd" AFTER UPDATE ON "penugasan_atasan" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_penugasan();
CREATE TRIGGER "penugasan_bulan_del" AFTER DELETE ON "penugasan_atasan" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_penugasan();
