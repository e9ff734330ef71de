-- Issue 11, targets: approval by the atasan (Persetujuan Target), the end of a target at the TMT of a mutasi, and the
-- source of a target copied from last year ("Salin target tahun lalu": one copy per source, so a double click copies once).

-- CreateEnum
CREATE TYPE "StatusTarget" AS ENUM ('DRAF', 'DIAJUKAN', 'DISETUJUI', 'DIKEMBALIKAN');

-- AlterTable: targets that exist already were agreed in the SKP document, so they start approved.
ALTER TABLE "target_tahunan"
    ADD COLUMN "status" "StatusTarget" NOT NULL DEFAULT 'DISETUJUI',
    ADD COLUMN "catatan_atasan" VARCHAR(500),
    ADD COLUMN "diputus_oleh_id" INTEGER,
    ADD COLUMN "diputus_at" TIMESTAMPTZ(3),
    ADD COLUMN "diputus_sebagai" VARCHAR(10),
    ADD COLUMN "berakhir" DATE,
    ADD COLUMN "disalin_dari_id" INTEGER;

-- CreateIndex
CREATE INDEX "target_tahunan_pegawai_id_status_idx" ON "target_tahunan"("pegawai_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "target_tahunan_disalin_dari_id_key" ON "target_tahunan"("disalin_dari_id");

-- AddForeignKey
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_diputus_oleh_id_fkey" FOREIGN KEY ("diputus_oleh_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_disalin_dari_id_fkey" FOREIGN KEY ("disalin_dari_id") REFERENCES "target_tahunan"("id") ON DELETE SET NULL ON UPDATE CASCADE;
