-- CreateTable
CREATE TABLE "buka_bulan" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "alasan" VARCHAR(500) NOT NULL,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "buka_bulan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "buka_bulan_tahun_bulan_idx" ON "buka_bulan"("tahun", "bulan");

-- CreateIndex
CREATE UNIQUE INDEX "buka_bulan_unit_id_tahun_bulan_key" ON "buka_bulan"("unit_id", "tahun", "bulan");
