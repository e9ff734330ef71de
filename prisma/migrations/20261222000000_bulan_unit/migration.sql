-- Dashboard Pimpinan (issue 20, speed): the month's sums per unit, so a view of a Pemda of 10,000 pegawai reads a row
-- per unit instead of summing every pegawai-month of the subtree (≈85 ms of PostgreSQL per view before).
--
-- The sums are a cache of the month rows, never a second computation: `bulan_unit` is, per month and unit, exactly
-- `sum(...) GROUP BY unit_id` over bulan_pegawai (sumber 'b', a month not ditetapkan) or over tpp_tetap (sumber 't', the
-- frozen month), and `bulan_antrean` the entries waiting per atasan of the same rows. A change of those rows only marks
-- the (month, unit): the next reader (src/services/bulan-unit.service.ts, called where the month rows are refreshed)
-- recomputes the marked units from the rows, under a lock per unit, so a concurrent recompute never writes older sums
-- over newer ones. The marks are plain inserts (no unique key on their content): a writer never waits on them.

CREATE TABLE "bulan_unit" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "sumber" CHAR(1) NOT NULL CHECK ("sumber" IN ('b', 't')),
    "unit_id" INTEGER NOT NULL,
    "pegawai" INTEGER NOT NULL,
    "entri" INTEGER NOT NULL,
    "terverifikasi" INTEGER NOT NULL,
    "menunggu" INTEGER NOT NULL,
    "cap_sum" NUMERIC NOT NULL,
    "cap_n" INTEGER NOT NULL,
    "hari_kerja" INTEGER NOT NULL,
    "hadir" INTEGER NOT NULL,
    "terlambat" INTEGER NOT NULL,
    "menit_tl" INTEGER NOT NULL,
    "tpp" BIGINT NOT NULL,
    CONSTRAINT "bulan_unit_pkey" PRIMARY KEY ("tahun", "bulan", "sumber", "unit_id")
);

CREATE TABLE "bulan_antrean" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "sumber" CHAR(1) NOT NULL CHECK ("sumber" IN ('b', 't')),
    "unit_id" INTEGER NOT NULL,
    "atasan_id" INTEGER NOT NULL,
    "menunggu" INTEGER NOT NULL,
    "tertua" DATE,
    CONSTRAINT "bulan_antrean_pkey" PRIMARY KEY ("tahun", "bulan", "sumber", "unit_id", "atasan_id")
);

CREATE TABLE "bulan_unit_kotor" (
    "id" BIGSERIAL NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "sumber" CHAR(1) NOT NULL,
    "unit_id" INTEGER NOT NULL,
    CONSTRAINT "bulan_unit_kotor_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "bulan_unit_kotor_tahun_bulan_idx" ON "bulan_unit_kotor"("tahun", "bulan");

-- The rows of one source as the sums read them (the same expressions as the Dashboard's month rows).
CREATE FUNCTION bulan_unit_hitung(p_tahun smallint, p_bulan smallint, p_sumber char, p_units int[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM bulan_unit WHERE tahun = p_tahun AND bulan = p_bulan AND sumber = p_sumber AND unit_id = ANY(p_units);
  DELETE FROM bulan_antrean WHERE tahun = p_tahun AND bulan = p_bulan AND sumber = p_sumber AND unit_id = ANY(p_units);
  IF p_sumber = 'b' THEN
    INSERT INTO bulan_unit
    SELECT p_tahun, p_bulan, 'b', b.unit_id, count(*), sum(b.entri), sum(b.terverifikasi), sum(b.menunggu),
           coalesce(sum(b.capaian), 0), count(b.capaian), sum(b.hari_kerja), sum(b.hadir), sum(b.terlambat), sum(b.menit_tl),
           sum(b.total)
      FROM bulan_pegawai b
     WHERE b.tahun = p_tahun AND b.bulan = p_bulan AND b.unit_id = ANY(p_units)
     GROUP BY b.unit_id;
    INSERT INTO bulan_antrean
    SELECT p_tahun, p_bulan, 'b', b.unit_id, q."atasanId", sum(q.menunggu), min(q.tertua)
      FROM bulan_pegawai b
     CROSS JOIN LATERAL jsonb_to_recordset(coalesce(b.rincian->'capaian'->'menungguPerAtasan', '[]')) AS q("atasanId" int, menunggu int, tertua date)
     WHERE b.tahun = p_tahun AND b.bulan = p_bulan AND b.unit_id = ANY(p_units) AND b.menunggu > 0 AND q."atasanId" IS NOT NULL
     GROUP BY b.unit_id, q."atasanId";
  ELSE
    INSERT INTO bulan_unit
    SELECT p_tahun, p_bulan, 't', t.unit_id, count(*),
           sum(coalesce((t.rincian->'ringkas'->>'entri')::int, 0)), sum(coalesce((t.rincian->'ringkas'->>'terverifikasi')::int, 0)),
           sum(coalesce((t.rincian->'ringkas'->>'menunggu')::int, 0)), coalesce(sum(t.capaian), 0), count(t.capaian),
           sum(coalesce((t.rincian->'ringkas'->>'hari_kerja')::int, 0)), sum(coalesce((t.rincian->'ringkas'->>'hadir')::int, 0)),
           sum(coalesce((t.rincian->'ringkas'->>'terlambat')::int, 0)), sum(coalesce((t.rincian->'ringkas'->>'menit_tl')::int, 0)),
           sum(t.total)
      FROM tpp_tetap t
     WHERE t.tahun = p_tahun AND t.bulan = p_bulan AND t.unit_id = ANY(p_units)
     GROUP BY t.unit_id;
    INSERT INTO bulan_antrean
    SELECT p_tahun, p_bulan, 't', t.unit_id, q."atasanId", sum(q.menunggu), min(q.tertua)
      FROM tpp_tetap t
     CROSS JOIN LATERAL jsonb_to_recordset(coalesce(t.rincian->'capaian'->'menungguPerAtasan', '[]')) AS q("atasanId" int, menunggu int, tertua date)
     WHERE t.tahun = p_tahun AND t.bulan = p_bulan AND t.unit_id = ANY(p_units) AND q."atasanId" IS NOT NULL
     GROUP BY t.unit_id, q."atasanId";
  END IF;
END $$;

-- A change of month rows marks the (month, unit) of the rows before and after it.
CREATE FUNCTION bulan_unit_tandai() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s char(1) := CASE WHEN TG_TABLE_NAME = 'tpp_tetap' THEN 't' ELSE 'b' END;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM bulan_unit WHERE sumber = s;
    DELETE FROM bulan_antrean WHERE sumber = s;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id) SELECT DISTINCT tahun, bulan, s, unit_id FROM baru WHERE unit_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id) SELECT DISTINCT tahun, bulan, s, unit_id FROM lama WHERE unit_id IS NOT NULL;
  ELSE
    INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id)
    SELECT DISTINCT tahun, bulan, s, unit_id FROM (SELECT tahun, bulan, unit_id FROM baru UNION ALL SELECT tahun, bulan, unit_id FROM lama) x
     WHERE unit_id IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "bulan_pegawai_unit_ins" AFTER INSERT ON "bulan_pegawai" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "bulan_pegawai_unit_upd" AFTER UPDATE ON "bulan_pegawai" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "bulan_pegawai_unit_del" AFTER DELETE ON "bulan_pegawai" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "bulan_pegawai_unit_trunc" AFTER TRUNCATE ON "bulan_pegawai" FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "tpp_tetap_unit_ins" AFTER INSERT ON "tpp_tetap" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "tpp_tetap_unit_upd" AFTER UPDATE ON "tpp_tetap" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "tpp_tetap_unit_del" AFTER DELETE ON "tpp_tetap" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();
CREATE TRIGGER "tpp_tetap_unit_trunc" AFTER TRUNCATE ON "tpp_tetap" FOR EACH STATEMENT EXECUTE FUNCTION bulan_unit_tandai();

-- The rows already there: every (month, unit) is marked, and the first reader of each month computes its sums.
INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id) SELECT DISTINCT tahun, bulan, 'b', unit_id FROM bulan_pegawai WHERE unit_id IS NOT NULL;
INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id) SELECT DISTINCT tahun, bulan, 't', unit_id FROM tpp_tetap WHERE unit_id IS NOT NULL;
