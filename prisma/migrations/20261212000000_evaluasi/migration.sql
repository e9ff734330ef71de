-- Issue 19, evaluation (docs/skp.md "Evaluasi kinerja", "Leader's rule", "Kurva distribusi").
--
-- The OPD of a unit: the unit directly under a root unit (the Pemda), or the root itself. This is the SKP core's
-- definition (migration 20261211000000_skp_core, the same text): the top of an OPD, the leader's rule and the
-- distribution curve read one notion. CREATE OR REPLACE, so whichever of the two migrations runs last leaves it as it is.
CREATE OR REPLACE FUNCTION unit_opd(u int) RETURNS int LANGUAGE sql STABLE AS $$
  WITH RECURSIVE naik(id, induk_id, d) AS (
    SELECT id, induk_id, 0 FROM unit_kerja WHERE id = u
    UNION ALL
    SELECT k.id, k.induk_id, naik.d + 1 FROM unit_kerja k JOIN naik ON k.id = naik.induk_id WHERE naik.d < 50
  )
  -- the ancestor (or the unit itself) whose parent is a root; a root is its own OPD
  SELECT COALESCE(
    (SELECT n.id FROM naik n JOIN unit_kerja p ON p.id = n.induk_id WHERE p.induk_id IS NULL LIMIT 1),
    (SELECT id FROM naik WHERE induk_id IS NULL LIMIT 1))
$$;

-- Who is in an OPD on a date (the curve's population, the head of the OPD): the history rows of the OPD's units.
CREATE INDEX IF NOT EXISTS "riwayat_jabatan_unit_id_idx" ON "riwayat_jabatan"("unit_id");

-- The predikat is the matrix of hasil kerja × perilaku kerja (PermenPAN-RB 6/2022, src/domain/predikat.ts). NOT VALID:
-- enforced on every row written from now on; rows migrated from the triwulan ratings were made by the same matrix.
ALTER TABLE "evaluasi_kinerja" ADD CONSTRAINT "evaluasi_kinerja_matriks" CHECK ("predikat" = CASE
    WHEN "hasil_kerja" = 'DI_BAWAH' THEN CASE WHEN "perilaku_kerja" = 'DI_BAWAH' THEN 'Sangat Kurang' ELSE 'Butuh Perbaikan' END
    WHEN "perilaku_kerja" = 'DI_BAWAH' THEN 'Kurang/Misconduct'
    WHEN "hasil_kerja" = 'DI_ATAS' AND "perilaku_kerja" = 'DI_ATAS' THEN 'Sangat Baik'
    ELSE 'Baik' END) NOT VALID;

-- The settings of the curve and of the organisation's predikat change no pegawai's month (capaian, TPP): saving them
-- must not mark every computed month for recomputation (src/services/bulan-pegawai.service.ts).
CREATE OR REPLACE FUNCTION bulan_dari_pengaturan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'setting' THEN
    IF NOT EXISTS (SELECT 1 FROM baru WHERE key NOT IN ('abk_versi', 'logo', 'namaPemda', 'kurvaDistribusi', 'predikatOrganisasiBatas')) THEN
      RETURN NULL;
    END IF;
    INSERT INTO bulan_kotor SELECT DISTINCT tahun, bulan FROM bulan_pegawai ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO bulan_kotor SELECT DISTINCT bp.tahun, bp.bulan FROM bulan_pegawai bp WHERE bp.tahun IN (SELECT tahun FROM baru)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
