-- Issue 19, evaluation (docs/skp.md "Evaluasi kinerja", "Leader's rule", "Kurva distribusi").
--
-- The OPD of a unit is unit_opd() of the SKP core (migration 20261211000000_skp_core): the top of an OPD, the leader's
-- rule and the distribution curve read that one notion.

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
