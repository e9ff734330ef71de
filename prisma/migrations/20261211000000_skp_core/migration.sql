-- Issue 19, SKP core (docs/skp.md "SKP and its workflow", "Matriks peran hasil").
--
-- The OPD of a unit: the unit directly under a root unit (the Pemda), or the root itself. The top of an OPD takes its
-- RHK from that OPD's goals (tujuan_opd), the matriks peran hasil is drawn per OPD, and "an atasan in the same OPD"
-- decides who is the top. A function so the services, the demo seed and the tests read one definition.
CREATE FUNCTION unit_opd(u int) RETURNS int LANGUAGE sql STABLE AS $$
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

-- The root unit (the Pemda) above a unit: the Sekda's RHK may intervene the Pemda's goals.
CREATE FUNCTION unit_akar(u int) RETURNS int LANGUAGE sql STABLE AS $$
  WITH RECURSIVE naik(id, induk_id, d) AS (
    SELECT id, induk_id, 0 FROM unit_kerja WHERE id = u
    UNION ALL
    SELECT k.id, k.induk_id, naik.d + 1 FROM unit_kerja k JOIN naik ON k.id = naik.induk_id WHERE naik.d < 50
  )
  SELECT id FROM naik WHERE induk_id IS NULL LIMIT 1
$$;

-- Persetujuan Target's count of waiting SKP (the menu badge, inside the session's statement) and the atasan's list.
CREATE INDEX "skp_pegawai_id_status_idx" ON "skp"("pegawai_id", "status");

-- A double-clicked "Simpan" of a new RHK or a new OPD goal makes one row: the form's key, unique per SKP / unit.
ALTER TABLE "rhk" ADD COLUMN "idempotency_key" UUID;
CREATE UNIQUE INDEX "rhk_skp_id_idempotency_key_key" ON "rhk"("skp_id", "idempotency_key");
ALTER TABLE "tujuan_opd" ADD COLUMN "idempotency_key" UUID;
CREATE UNIQUE INDEX "tujuan_opd_unit_id_idempotency_key_key" ON "tujuan_opd"("unit_id", "idempotency_key");
