-- Issue 22, the rapel of a postponed month: a month held by a penundaan when it was ditetapkan (tpp_tetap.ditunda) is
-- owed; once every penundaan that held it is released, the first month ditetapkan afterwards whose last day is on or
-- after the release date pays it on its daftar pembayaran, as a line of its own with the held month's frozen neto.
-- One row per held month, written by that penetapan (src/services/tpp.service.ts): the primary key is the held month,
-- so it is paid exactly once, whatever is ditetapkan later.
CREATE TABLE "tpp_rapel" (
    "pegawai_id" INTEGER NOT NULL,
    -- the held month
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    -- the penetapan whose daftar pembayaran pays it
    "bayar_tahun" SMALLINT NOT NULL,
    "bayar_bulan" SMALLINT NOT NULL,
    -- the release date (the latest of the penundaan that held the month)
    "dilepas" DATE NOT NULL,

    CONSTRAINT "tpp_rapel_pkey" PRIMARY KEY ("tahun", "bulan", "pegawai_id"),
    CONSTRAINT "tpp_rapel_sesudah" CHECK (("bayar_tahun", "bayar_bulan") > ("tahun", "bulan"))
);
-- the paying month's list reads its lines by this index (and a pegawai's page its own)
CREATE INDEX "tpp_rapel_bayar_tahun_bayar_bulan_pegawai_id_idx" ON "tpp_rapel"("bayar_tahun", "bayar_bulan", "pegawai_id");
-- the held month cannot be unfrozen while its rapel stands (the service says so first, 422): a new penetapan of it
-- would pay it a second time in its own list
ALTER TABLE "tpp_rapel" ADD CONSTRAINT "tpp_rapel_tahun_bulan_pegawai_id_fkey" FOREIGN KEY ("tahun", "bulan", "pegawai_id")
  REFERENCES "tpp_tetap"("tahun", "bulan", "pegawai_id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- the paying month unfrozen: its rapel lines go with it, and its next penetapan pays them again
ALTER TABLE "tpp_rapel" ADD CONSTRAINT "tpp_rapel_bayar_tahun_bayar_bulan_fkey" FOREIGN KEY ("bayar_tahun", "bayar_bulan")
  REFERENCES "tpp_penetapan"("tahun", "bulan") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only a month frozen as held, with its neto, is paid as a rapel.
CREATE FUNCTION tpp_rapel_ditahan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM tpp_tetap t WHERE t.tahun = NEW.tahun AND t.bulan = NEW.bulan AND t.pegawai_id = NEW.pegawai_id
                   AND t.ditunda AND t.neto IS NOT NULL) THEN
    RAISE EXCEPTION 'tpp_rapel_ditahan: % %-% was not held by a penundaan when it was ditetapkan', NEW.pegawai_id, NEW.tahun, NEW.bulan;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "tpp_rapel_ditahan" BEFORE INSERT OR UPDATE ON "tpp_rapel" FOR EACH ROW EXECUTE FUNCTION tpp_rapel_ditahan();

-- A penetapan looks for the held months not paid yet: few rows among all frozen months.
CREATE INDEX "tpp_tetap_ditunda_idx" ON "tpp_tetap"("pegawai_id", "tahun", "bulan") WHERE "ditunda";
