-- A month marked whole (hari libur, settings, pagu: every pegawai's figures change) keeps its mark until its recompute
-- has finished (src/services/bulan-pegawai.service.ts, segarkan).
--
-- The recompute used to take the mark before it began (a change committed meanwhile marked the month again). A process
-- that stopped halfway (a restart, a lost connection) then left the pegawai it had not reached with their old figures
-- and no mark, for good; and while it ran, other readers found no mark and read the rows it had not reached yet.
-- Now the mark stays while the month is computed: readers wait for the recompute, and only the recompute that finished
-- removes the mark, and only if no change came in since it began. A change moves `versi` (the trigger below, before
-- any insert of a mark: the mark's writers insert with ON CONFLICT DO NOTHING, which leaves an existing row as it is).

ALTER TABLE "bulan_kotor" ADD COLUMN "versi" INTEGER NOT NULL DEFAULT 1;

CREATE FUNCTION bulan_kotor_versi() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE bulan_kotor SET versi = versi + 1 WHERE tahun = NEW.tahun AND bulan = NEW.bulan;
  RETURN NEW;
END $$;

CREATE TRIGGER "bulan_kotor_versi" BEFORE INSERT ON "bulan_kotor" FOR EACH ROW EXECUTE FUNCTION bulan_kotor_versi();
