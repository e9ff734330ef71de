-- Issue 22: TPP rule sets per year as data (versioned), the lines from bruto to neto, and the bendahara role.

-- A rule set (src/domain/aturan-tpp.ts) per year, one row per version: a save writes a new version, never changes one,
-- so the history stays readable and a month ditetapkan can name the version it was computed with. The month's
-- computation takes the year's highest version; a year without one runs on the default built from Pengaturan.
CREATE TABLE "aturan_tpp" (
    "id" SERIAL NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "versi" INTEGER NOT NULL,
    "nama" VARCHAR(150) NOT NULL,
    "dasar_hukum" VARCHAR(200),
    "isi" JSONB NOT NULL,
    "dibuat_oleh" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "aturan_tpp_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "aturan_tpp_versi" CHECK ("versi" >= 1),
    CONSTRAINT "aturan_tpp_tahun" CHECK ("tahun" BETWEEN 2000 AND 2100),
    CONSTRAINT "aturan_tpp_nama" CHECK (btrim("nama") <> ''),
    -- the weights of the components add up to 100 % (the form says so next to the field; this holds it for any writer)
    CONSTRAINT "aturan_tpp_bobot" CHECK (
      ("isi"->'komponen'->>'kinerja')::numeric + ("isi"->'komponen'->>'skp')::numeric + ("isi"->'komponen'->>'kehadiran')::numeric = 100)
);
-- the version in force is the year's highest: one index answers it; two saves of the same version cannot both land
CREATE UNIQUE INDEX "aturan_tpp_tahun_versi_key" ON "aturan_tpp"("tahun", "versi");

CREATE FUNCTION aturan_tpp_tidak_diubah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'aturan_tpp_tidak_diubah: a version of a TPP rule set is never changed or deleted; save a new version';
END $$;
CREATE TRIGGER "aturan_tpp_tidak_diubah" BEFORE UPDATE OR DELETE ON "aturan_tpp" FOR EACH ROW EXECUTE FUNCTION aturan_tpp_tidak_diubah();
-- a new version changes every computed month of its year (as a change of pagu does)
CREATE TRIGGER "aturan_tpp_bulan_ins" AFTER INSERT ON "aturan_tpp" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_pengaturan();

-- The penetapan keeps the version its months were computed with, whole (the default one too, whose settings may change):
-- the months recomputed for "Selisih setelah penetapan" use it, so a later version shows as no difference.
ALTER TABLE "tpp_penetapan" ADD COLUMN "aturan_id" INTEGER, ADD COLUMN "aturan" JSONB;
ALTER TABLE "tpp_penetapan" ADD CONSTRAINT "tpp_penetapan_aturan_id_fkey" FOREIGN KEY ("aturan_id") REFERENCES "aturan_tpp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What bruto → neto needs of the pegawai: the monthly gaji (penghasilan tetap from the gaji payroll, bruto) and the
-- status PTKP (the TER category of PPh 21). A change of either recomputes the pegawai's months.
ALTER TABLE "pegawai" ADD COLUMN "gaji" INTEGER, ADD COLUMN "status_ptkp" VARCHAR(4);
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_gaji" CHECK ("gaji" >= 0 AND "gaji" <= 1000000000);
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_status_ptkp" CHECK ("status_ptkp" IN ('TK/0', 'TK/1', 'TK/2', 'TK/3', 'K/0', 'K/1', 'K/2', 'K/3'));
CREATE FUNCTION bulan_dari_gaji() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tandai_pegawai(array_agg(b.id)) FROM baru b JOIN lama l ON l.id = b.id
    WHERE (b.gaji, b.status_ptkp) IS DISTINCT FROM (l.gaji, l.status_ptkp);
  RETURN NULL;
END $$;
CREATE TRIGGER "pegawai_gaji_bulan_upd" AFTER UPDATE ON "pegawai" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_gaji();

-- The SKP component of a rule set reads the month's evaluasi_kinerja.predikat: a monthly rating written, changed or
-- removed recomputes that pegawai-month.
CREATE FUNCTION bulan_dari_evaluasi() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(tahun::int), array_agg(bulan::int)) FROM baru WHERE bulan IS NOT NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM tandai_bulan(array_agg(pegawai_id), array_agg(tahun::int), array_agg(bulan::int)) FROM lama WHERE bulan IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "evaluasi_bulan_ins" AFTER INSERT ON "evaluasi_kinerja" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_evaluasi();
CREATE TRIGGER "evaluasi_bulan_upd" AFTER UPDATE ON "evaluasi_kinerja" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_evaluasi();
CREATE TRIGGER "evaluasi_bulan_del" AFTER DELETE ON "evaluasi_kinerja" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_evaluasi();

-- The month's new lines, on the lists' rows and on the frozen months (the payment list sums these columns):
-- skp (SKP component), plt (the Plt/Plh line, derived until now), potongan (cuts taken from the whole TPP),
-- tidak_dibayar (a penundaan whose months are not paid), tambahan (THR / gaji ke-13), and bruto → neto.
ALTER TABLE "bulan_pegawai"
  ADD COLUMN "skp" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "plt" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "potongan" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "tidak_dibayar" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "tambahan" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "bpjs_pegawai" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "bpjs_pemda" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "pph21" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "tunjangan_pph" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "neto" INTEGER NOT NULL DEFAULT 0;
-- months frozen before this migration: the lines that did not exist were 0 (the Plt line is what the total held beyond
-- kinerja and disiplin); their bruto → neto was never computed: NULL, and the payment list says so
ALTER TABLE "tpp_tetap"
  ADD COLUMN "skp" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "plt" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "potongan" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "tidak_dibayar" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "tambahan" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "bpjs_pegawai" INTEGER, ADD COLUMN "bpjs_pemda" INTEGER,
  ADD COLUMN "pph21" INTEGER, ADD COLUMN "tunjangan_pph" INTEGER, ADD COLUMN "neto" INTEGER;
UPDATE "tpp_tetap" SET "plt" = "total" + "hukdis" - "kinerja" - "disiplin";
-- every computed month gets its new lines at its next read
INSERT INTO "bulan_kotor" ("tahun", "bulan") SELECT DISTINCT "tahun", "bulan" FROM "bulan_pegawai" ON CONFLICT DO NOTHING;

-- Bendahara pengeluaran of an OPD: the payment list of their unit subtree (account numbers masked).
ALTER TYPE "Peran" ADD VALUE IF NOT EXISTS 'BENDAHARA';
