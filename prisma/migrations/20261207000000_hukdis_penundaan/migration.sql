-- Issue 22: hukuman disiplin (PP 94/2021) that cut TPP for months, and penundaan (TPP postponed while a duty is unmet).
-- Their effect is a line of the pegawai's month (src/domain/bulan-pegawai.ts): a month counts for a hukuman when the
-- hukuman is in force on its 1st day; a month is postponed when the penundaan covers any day of it and was not released
-- before that month began. Two hukuman of one pegawai never overlap (the same exclusion as riwayat_jabatan).
CREATE TABLE "hukuman_disiplin" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "jenis" VARCHAR(150) NOT NULL,
    "peraturan" VARCHAR(120) NOT NULL,
    "nomor_sk" VARCHAR(100) NOT NULL,
    "mulai" DATE NOT NULL,
    "selesai" DATE NOT NULL,
    "persen" DECIMAL(5,2) NOT NULL,
    "dibuat_oleh" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hukuman_disiplin_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "hukuman_disiplin_rentang" CHECK ("selesai" >= "mulai"),
    CONSTRAINT "hukuman_disiplin_persen" CHECK ("persen" > 0 AND "persen" <= 100),
    CONSTRAINT "hukuman_disiplin_tidak_tumpang" EXCLUDE USING gist
      (int4range("pegawai_id", "pegawai_id", '[]') WITH =, daterange("mulai", "selesai", '[]') WITH &&)
);
CREATE INDEX "hukuman_disiplin_pegawai_id_mulai_idx" ON "hukuman_disiplin"("pegawai_id", "mulai");
ALTER TABLE "hukuman_disiplin" ADD CONSTRAINT "hukuman_disiplin_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "penundaan_tpp" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "alasan" VARCHAR(200) NOT NULL,
    "mulai" DATE NOT NULL,
    "dilepas" DATE,
    "dibuat_oleh" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "penundaan_tpp_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "penundaan_tpp_rentang" CHECK ("dilepas" IS NULL OR "dilepas" >= "mulai")
);
CREATE INDEX "penundaan_tpp_pegawai_id_mulai_idx" ON "penundaan_tpp"("pegawai_id", "mulai");
ALTER TABLE "penundaan_tpp" ADD CONSTRAINT "penundaan_tpp_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The month's lines: the hukuman's cut (rupiah) and whether the month is postponed, on the lists' rows and the frozen months.
ALTER TABLE "bulan_pegawai" ADD COLUMN "hukdis" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "ditunda" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "tpp_tetap" ADD COLUMN "hukdis" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "ditunda" BOOLEAN NOT NULL DEFAULT false;

-- A record written, changed or removed: every computed month of the pegawai from the record's first month on is
-- computed again (months not computed yet are computed when first read).
CREATE FUNCTION bulan_dari_disiplin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO bulan_pegawai_kotor (pegawai_id, tahun, bulan)
    SELECT DISTINCT b.pegawai_id, b.tahun, b.bulan FROM baru x JOIN bulan_pegawai b ON b.pegawai_id = x.pegawai_id
     WHERE make_date(b.tahun, b.bulan, 1) >= date_trunc('month', x.mulai)
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO bulan_pegawai_kotor (pegawai_id, tahun, bulan)
    SELECT DISTINCT b.pegawai_id, b.tahun, b.bulan FROM lama x JOIN bulan_pegawai b ON b.pegawai_id = x.pegawai_id
     WHERE make_date(b.tahun, b.bulan, 1) >= date_trunc('month', x.mulai)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "hukdis_bulan_ins" AFTER INSERT ON "hukuman_disiplin" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
CREATE TRIGGER "hukdis_bulan_upd" AFTER UPDATE ON "hukuman_disiplin" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
CREATE TRIGGER "hukdis_bulan_del" AFTER DELETE ON "hukuman_disiplin" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
CREATE TRIGGER "penundaan_bulan_ins" AFTER INSERT ON "penundaan_tpp" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
CREATE TRIGGER "penundaan_bulan_upd" AFTER UPDATE ON "penundaan_tpp" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
CREATE TRIGGER "penundaan_bulan_del" AFTER DELETE ON "penundaan_tpp" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION bulan_dari_disiplin();
