-- Dashboard Pimpinan (issue 20, speed): the queue of a unit's subtree ("Antrean verifikasi terlama") kept per unit.
--
-- The queue is the ten atasan of the subtree whose entries have waited longest: an aggregation of every (unit, atasan)
-- row of bulan_antrean under the unit (an OPD of 5,000 pegawai: ≈3,000 rows into ≈1,000 atasan, ≈2.5 ms of PostgreSQL
-- on every view, most of the view's cost). `bulan_antrean_atas` keeps that result per (month, source, unit), a cache of
-- bulan_antrean and the unit tree, never a second computation:
--   - any change of bulan_antrean drops the kept queues of its months (the trigger below), so a queue is never older
--     than the sums it was computed from; the next reader computes it again under the month's lock
--     (src/services/bulan-unit.service.ts), the lock every recompute of bulan_antrean takes;
--   - the unit tree a queue was computed over is named by the ABK stamp of that moment (`versi`: setting abk_versi,
--     bumped by every change of unit_kerja); a queue is read only while the stamp is the same.

CREATE TABLE "bulan_antrean_atas" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "sumber" CHAR(1) NOT NULL CHECK ("sumber" IN ('b', 't')),
    "unit_id" INTEGER NOT NULL,
    "versi" TEXT NOT NULL,
    "antrean" JSONB NOT NULL,
    CONSTRAINT "bulan_antrean_atas_pkey" PRIMARY KEY ("tahun", "bulan", "sumber", "unit_id")
);

CREATE FUNCTION bulan_antrean_atas_buang() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM bulan_antrean_atas;
  ELSIF TG_OP = 'INSERT' THEN
    DELETE FROM bulan_antrean_atas a USING (SELECT DISTINCT tahun, bulan FROM baru) x WHERE a.tahun = x.tahun AND a.bulan = x.bulan;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM bulan_antrean_atas a USING (SELECT DISTINCT tahun, bulan FROM lama) x WHERE a.tahun = x.tahun AND a.bulan = x.bulan;
  ELSE
    DELETE FROM bulan_antrean_atas a
     USING (SELECT tahun, bulan FROM baru UNION SELECT tahun, bulan FROM lama) x WHERE a.tahun = x.tahun AND a.bulan = x.bulan;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "bulan_antrean_atas_ins" AFTER INSERT ON "bulan_antrean" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_antrean_atas_buang();
CREATE TRIGGER "bulan_antrean_atas_upd" AFTER UPDATE ON "bulan_antrean" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_antrean_atas_buang();
CREATE TRIGGER "bulan_antrean_atas_del" AFTER DELETE ON "bulan_antrean" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_antrean_atas_buang();
CREATE TRIGGER "bulan_antrean_atas_trunc" AFTER TRUNCATE ON "bulan_antrean" FOR EACH STATEMENT EXECUTE FUNCTION bulan_antrean_atas_buang();
