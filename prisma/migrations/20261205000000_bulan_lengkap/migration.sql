-- A month is complete for a unit when every pegawai in service that month whose history puts them in the unit has a
-- row in bulan_pegawai (issue 24, speed). The lists then check only the change marks, with an index, instead of
-- looking for missing rows among every pegawai of the scope on each view. unit_id 0 stands for the whole Pemda.
-- A stamp is written (siap = false, with the writer's token) before the check for missing rows starts and set ready
-- after it: a change of history or service dates in between deletes it, so the next view checks again.
CREATE TABLE "bulan_lengkap" (
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "siap" BOOLEAN NOT NULL DEFAULT false,
    "token" UUID NOT NULL,

    CONSTRAINT "bulan_lengkap_pkey" PRIMARY KEY ("tahun","bulan","unit_id")
);

-- Who is in service where changes (a mutasi, a new pegawai's first history row, TMT or last day of service): every
-- stamp goes (a handful of rows per month), and the next view of each month looks for missing rows once.
CREATE FUNCTION bulan_lengkap_batal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'pegawai' THEN
    IF EXISTS (SELECT 1 FROM baru b JOIN lama l ON l.id = b.id WHERE (b.tmt, b.berhenti) IS DISTINCT FROM (l.tmt, l.berhenti)) THEN
      DELETE FROM bulan_lengkap;
    END IF;
  ELSE
    DELETE FROM bulan_lengkap;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "pegawai_lengkap_upd" AFTER UPDATE ON "pegawai" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_lengkap_batal();
CREATE TRIGGER "riwayat_lengkap_ins" AFTER INSERT ON "riwayat_jabatan" FOR EACH STATEMENT EXECUTE FUNCTION bulan_lengkap_batal();
CREATE TRIGGER "riwayat_lengkap_upd" AFTER UPDATE ON "riwayat_jabatan" FOR EACH STATEMENT EXECUTE FUNCTION bulan_lengkap_batal();
CREATE TRIGGER "riwayat_lengkap_del" AFTER DELETE ON "riwayat_jabatan" FOR EACH STATEMENT EXECUTE FUNCTION bulan_lengkap_batal();
