-- CreateEnum
CREATE TYPE "JenisPenugasan" AS ENUM ('PLT', 'PLH');

-- AlterTable
ALTER TABLE "realisasi" ADD COLUMN     "verifikasi_sebagai" VARCHAR(10);

-- CreateTable
CREATE TABLE "riwayat_jabatan" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "jabatan_id" INTEGER,
    "unit_id" INTEGER,
    "atasan_id" INTEGER,
    "tmt_awal" DATE,
    "tmt_akhir" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "riwayat_jabatan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "penugasan_atasan" (
    "id" SERIAL NOT NULL,
    "jenis" "JenisPenugasan" NOT NULL,
    "pelaksana_id" INTEGER NOT NULL,
    "pegawai_id" INTEGER,
    "jabatan_id" INTEGER,
    "mulai" DATE NOT NULL,
    "selesai" DATE NOT NULL,
    "alasan" VARCHAR(500) NOT NULL,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "penugasan_atasan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "riwayat_jabatan_pegawai_id_tmt_awal_idx" ON "riwayat_jabatan"("pegawai_id", "tmt_awal");

-- CreateIndex
CREATE INDEX "riwayat_jabatan_atasan_id_idx" ON "riwayat_jabatan"("atasan_id");

-- CreateIndex
CREATE INDEX "riwayat_jabatan_jabatan_id_idx" ON "riwayat_jabatan"("jabatan_id");

-- CreateIndex
CREATE INDEX "penugasan_atasan_pelaksana_id_selesai_idx" ON "penugasan_atasan"("pelaksana_id", "selesai");

-- AddForeignKey
ALTER TABLE "riwayat_jabatan" ADD CONSTRAINT "riwayat_jabatan_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "riwayat_jabatan" ADD CONSTRAINT "riwayat_jabatan_atasan_id_fkey" FOREIGN KEY ("atasan_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penugasan_atasan" ADD CONSTRAINT "penugasan_atasan_pelaksana_id_fkey" FOREIGN KEY ("pelaksana_id") REFERENCES "pegawai"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penugasan_atasan" ADD CONSTRAINT "penugasan_atasan_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- No two history rows of one pegawai cover the same day. int4range(id, id, '[]') WITH = stands in for "pegawai_id
-- WITH =" so that no extension (btree_gist) is needed. tmt_akhir is exclusive: a row closed at a TMT and the row
-- opened at that TMT touch without overlapping.
ALTER TABLE "riwayat_jabatan" ADD CONSTRAINT "riwayat_jabatan_tanpa_tumpang"
  EXCLUDE USING gist (int4range("pegawai_id", "pegawai_id", '[]') WITH =, daterange("tmt_awal", "tmt_akhir", '[)') WITH &&);
ALTER TABLE "riwayat_jabatan" ADD CONSTRAINT "riwayat_jabatan_urut" CHECK ("tmt_awal" IS NULL OR "tmt_akhir" IS NULL OR "tmt_awal" < "tmt_akhir");
-- At most one open row per pegawai (the one the pegawai's current columns mirror).
CREATE UNIQUE INDEX "riwayat_jabatan_satu_terbuka" ON "riwayat_jabatan"("pegawai_id") WHERE "tmt_akhir" IS NULL;

ALTER TABLE "penugasan_atasan" ADD CONSTRAINT "penugasan_atasan_sasaran"
  CHECK (("jenis" = 'PLH' AND "pegawai_id" IS NOT NULL AND "jabatan_id" IS NULL)
      OR ("jenis" = 'PLT' AND "jabatan_id" IS NOT NULL AND "pegawai_id" IS NULL));
ALTER TABLE "penugasan_atasan" ADD CONSTRAINT "penugasan_atasan_urut" CHECK ("mulai" <= "selesai");
ALTER TABLE "penugasan_atasan" ADD CONSTRAINT "penugasan_atasan_bukan_diri" CHECK ("pegawai_id" IS NULL OR "pegawai_id" <> "pelaksana_id");
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_verifikasi_sebagai" CHECK ("verifikasi_sebagai" IS NULL OR "verifikasi_sebagai" IN ('Plt', 'Plh'));

-- The pegawai's current columns and the open history row stay in step whoever writes them (admin form, import,
-- seed, bench): a new pegawai opens a row "since before the records"; a change of jabatan, unit or atasan made
-- outside a mutasi corrects the open row. A mutasi (src/services/riwayat.service.ts) first closes the open row and
-- opens the new one with the new values, so the update that follows finds nothing to correct.
CREATE FUNCTION pegawai_riwayat_sinkron() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO riwayat_jabatan (pegawai_id, jabatan_id, unit_id, atasan_id, tmt_awal, tmt_akhir, updated_at)
    VALUES (NEW.id, NEW.jabatan_id, NEW.unit_id, NEW.atasan_id, NULL, NULL, now());
  ELSE
    UPDATE riwayat_jabatan SET jabatan_id = NEW.jabatan_id, unit_id = NEW.unit_id, atasan_id = NEW.atasan_id, updated_at = now()
    WHERE pegawai_id = NEW.id AND tmt_akhir IS NULL
      AND (jabatan_id, unit_id, atasan_id) IS DISTINCT FROM (NEW.jabatan_id, NEW.unit_id, NEW.atasan_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "pegawai_riwayat_baru" AFTER INSERT ON "pegawai"
  FOR EACH ROW EXECUTE FUNCTION pegawai_riwayat_sinkron();
CREATE TRIGGER "pegawai_riwayat_koreksi" AFTER UPDATE OF "jabatan_id", "unit_id", "atasan_id" ON "pegawai"
  FOR EACH ROW WHEN ((OLD.jabatan_id, OLD.unit_id, OLD.atasan_id) IS DISTINCT FROM (NEW.jabatan_id, NEW.unit_id, NEW.atasan_id))
  EXECUTE FUNCTION pegawai_riwayat_sinkron();

-- Existing pegawai: one open row each, since before the records.
INSERT INTO riwayat_jabatan (pegawai_id, jabatan_id, unit_id, atasan_id, tmt_awal, tmt_akhir, updated_at)
SELECT id, jabatan_id, unit_id, atasan_id, NULL, NULL, now() FROM pegawai;
