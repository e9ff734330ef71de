-- CreateEnum
CREATE TYPE "JenisJabatan" AS ENUM ('JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL');

-- CreateEnum
CREATE TYPE "Peran" AS ENUM ('PEGAWAI', 'PIMPINAN', 'ADMIN');

-- CreateEnum
CREATE TYPE "AsalTarget" AS ENUM ('SKP', 'TAMBAHAN');

-- CreateEnum
CREATE TYPE "Golongan" AS ENUM ('I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e');

-- CreateTable
CREATE TABLE "unit_kerja" (
    "id" SERIAL NOT NULL,
    "nama" VARCHAR(200) NOT NULL,
    "singkatan" VARCHAR(40),
    "induk_id" INTEGER,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_kerja_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jabatan" (
    "id" SERIAL NOT NULL,
    "nama" VARCHAR(200) NOT NULL,
    "kode" VARCHAR(40),
    "jenis" "JenisJabatan" NOT NULL,
    "kelas" SMALLINT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "atasan_jabatan_id" INTEGER,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "ikhtisar" TEXT,
    "bahan_kerja" TEXT,
    "perangkat_kerja" TEXT,
    "tanggung_jawab" TEXT,
    "wewenang" TEXT,
    "korelasi_jabatan" TEXT,
    "kondisi_lingkungan" TEXT,
    "risiko_bahaya" TEXT,
    "syarat_jabatan" TEXT,
    "prestasi_diharapkan" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jabatan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "uraian_tugas" (
    "id" SERIAL NOT NULL,
    "jabatan_id" INTEGER NOT NULL,
    "uraian" VARCHAR(500) NOT NULL,
    "hasil_kerja" VARCHAR(200) NOT NULL,
    "satuan_hasil" VARCHAR(60) NOT NULL,
    "volume_per_tahun" DECIMAL(12,2) NOT NULL,
    "norma_waktu" INTEGER NOT NULL,
    "urutan" INTEGER NOT NULL DEFAULT 0,
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "uraian_tugas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pegawai" (
    "id" SERIAL NOT NULL,
    "nip" CHAR(18) NOT NULL,
    "nama" VARCHAR(150) NOT NULL,
    "golongan" "Golongan",
    "jabatan_id" INTEGER,
    "unit_id" INTEGER,
    "atasan_id" INTEGER,
    "peran" "Peran"[] DEFAULT ARRAY['PEGAWAI']::"Peran"[],
    "aktif" BOOLEAN NOT NULL DEFAULT true,
    "password_hash" TEXT NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pegawai_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_tahunan" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "uraian_tugas_id" INTEGER NOT NULL,
    "pekerjaan" VARCHAR(500) NOT NULL,
    "kuantitas" DECIMAL(12,2) NOT NULL,
    "satuan" VARCHAR(60) NOT NULL,
    "asal" "AsalTarget" NOT NULL DEFAULT 'SKP',
    "idempotency_key" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "target_tahunan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_bulanan" (
    "id" SERIAL NOT NULL,
    "target_tahunan_id" INTEGER NOT NULL,
    "bulan" SMALLINT NOT NULL,
    "kuantitas" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "target_bulanan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "realisasi" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tanggal" DATE NOT NULL,
    "target_tahunan_id" INTEGER,
    "target_bulanan_id" INTEGER,
    "pekerjaan" VARCHAR(500) NOT NULL,
    "uraian" VARCHAR(2000),
    "jumlah" DECIMAL(12,2) NOT NULL,
    "satuan" VARCHAR(60) NOT NULL,
    "menit" INTEGER NOT NULL DEFAULT 0,
    "status" SMALLINT NOT NULL DEFAULT 0,
    "verified_by_id" INTEGER,
    "verified_at" TIMESTAMPTZ(3),
    "catatan_atasan" VARCHAR(1000),
    "returned_at" TIMESTAMPTZ(3),
    "idempotency_key" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "realisasi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bukti_dukung" (
    "realisasi_id" INTEGER NOT NULL,
    "nama_file" VARCHAR(200) NOT NULL,
    "mime" VARCHAR(60) NOT NULL,
    "ukuran" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bukti_dukung_pkey" PRIMARY KEY ("realisasi_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "on_behalf_of_id" INTEGER,
    "action" VARCHAR(60) NOT NULL,
    "object_type" VARCHAR(40) NOT NULL,
    "object_id" VARCHAR(40),
    "before" JSONB,
    "after" JSONB,
    "reason" VARCHAR(1000),
    "ip" VARCHAR(64),
    "request_id" VARCHAR(64),

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" VARCHAR(60) NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" INTEGER,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" VARCHAR(200) NOT NULL,
    "hits" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE INDEX "unit_kerja_induk_id_idx" ON "unit_kerja"("induk_id");

-- CreateIndex
CREATE UNIQUE INDEX "unit_kerja_induk_id_nama_key" ON "unit_kerja"("induk_id", "nama");

-- CreateIndex
CREATE INDEX "jabatan_atasan_jabatan_id_idx" ON "jabatan"("atasan_jabatan_id");

-- CreateIndex
CREATE UNIQUE INDEX "jabatan_unit_id_nama_key" ON "jabatan"("unit_id", "nama");

-- CreateIndex
CREATE UNIQUE INDEX "uraian_tugas_jabatan_id_uraian_key" ON "uraian_tugas"("jabatan_id", "uraian");

-- CreateIndex
CREATE UNIQUE INDEX "pegawai_nip_key" ON "pegawai"("nip");

-- CreateIndex
CREATE INDEX "pegawai_atasan_id_idx" ON "pegawai"("atasan_id");

-- CreateIndex
CREATE INDEX "pegawai_unit_id_idx" ON "pegawai"("unit_id");

-- CreateIndex
CREATE INDEX "pegawai_jabatan_id_idx" ON "pegawai"("jabatan_id");

-- CreateIndex
CREATE INDEX "target_tahunan_pegawai_id_tahun_idx" ON "target_tahunan"("pegawai_id", "tahun");

-- CreateIndex
CREATE INDEX "target_tahunan_uraian_tugas_id_idx" ON "target_tahunan"("uraian_tugas_id");

-- CreateIndex
CREATE UNIQUE INDEX "target_tahunan_pegawai_id_idempotency_key_key" ON "target_tahunan"("pegawai_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "target_bulanan_target_tahunan_id_bulan_key" ON "target_bulanan"("target_tahunan_id", "bulan");

-- CreateIndex
CREATE INDEX "realisasi_pegawai_id_tanggal_idx" ON "realisasi"("pegawai_id", "tanggal");

-- CreateIndex
CREATE INDEX "realisasi_pegawai_id_status_tanggal_idx" ON "realisasi"("pegawai_id", "status", "tanggal");

-- CreateIndex
CREATE INDEX "realisasi_target_bulanan_id_idx" ON "realisasi"("target_bulanan_id");

-- CreateIndex
CREATE INDEX "realisasi_target_tahunan_id_idx" ON "realisasi"("target_tahunan_id");

-- CreateIndex
CREATE UNIQUE INDEX "realisasi_pegawai_id_idempotency_key_key" ON "realisasi"("pegawai_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_object_type_object_id_idx" ON "audit_log"("object_type", "object_id");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "login_throttle_reset_at_idx" ON "login_throttle"("reset_at");

-- CreateIndex
CREATE INDEX "IDX_session_expire" ON "session"("expire");

-- AddForeignKey
ALTER TABLE "unit_kerja" ADD CONSTRAINT "unit_kerja_induk_id_fkey" FOREIGN KEY ("induk_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jabatan" ADD CONSTRAINT "jabatan_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jabatan" ADD CONSTRAINT "jabatan_atasan_jabatan_id_fkey" FOREIGN KEY ("atasan_jabatan_id") REFERENCES "jabatan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uraian_tugas" ADD CONSTRAINT "uraian_tugas_jabatan_id_fkey" FOREIGN KEY ("jabatan_id") REFERENCES "jabatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_jabatan_id_fkey" FOREIGN KEY ("jabatan_id") REFERENCES "jabatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit_kerja"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_atasan_id_fkey" FOREIGN KEY ("atasan_id") REFERENCES "pegawai"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_uraian_tugas_id_fkey" FOREIGN KEY ("uraian_tugas_id") REFERENCES "uraian_tugas"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_bulanan" ADD CONSTRAINT "target_bulanan_target_tahunan_id_fkey" FOREIGN KEY ("target_tahunan_id") REFERENCES "target_tahunan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_target_tahunan_id_fkey" FOREIGN KEY ("target_tahunan_id") REFERENCES "target_tahunan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_target_bulanan_id_fkey" FOREIGN KEY ("target_bulanan_id") REFERENCES "target_bulanan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bukti_dukung" ADD CONSTRAINT "bukti_dukung_realisasi_id_fkey" FOREIGN KEY ("realisasi_id") REFERENCES "realisasi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─────────────────────────────────────────────────────────────────────────────────────────────
-- Rules held by the database itself (Prisma does not model CHECKs or triggers; they cause no drift).
-- ─────────────────────────────────────────────────────────────────────────────────────────────

-- NIP: 18 digits (decoding rules — dates, gender digit — are checked in src/domain/nip.ts).
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_nip_digits" CHECK ("nip" ~ '^[0-9]{18}$');
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_not_own_atasan" CHECK ("atasan_id" IS NULL OR "atasan_id" <> "id");
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_nama_not_blank" CHECK (length(btrim("nama")) > 0);

ALTER TABLE "unit_kerja" ADD CONSTRAINT "unit_kerja_not_own_induk" CHECK ("induk_id" IS NULL OR "induk_id" <> "id");
ALTER TABLE "jabatan" ADD CONSTRAINT "jabatan_kelas_range" CHECK ("kelas" BETWEEN 1 AND 17);
ALTER TABLE "jabatan" ADD CONSTRAINT "jabatan_not_own_atasan" CHECK ("atasan_jabatan_id" IS NULL OR "atasan_jabatan_id" <> "id");

ALTER TABLE "uraian_tugas" ADD CONSTRAINT "uraian_tugas_volume_nonneg" CHECK ("volume_per_tahun" >= 0);
ALTER TABLE "uraian_tugas" ADD CONSTRAINT "uraian_tugas_norma_positive" CHECK ("norma_waktu" > 0);

ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_kuantitas_positive" CHECK ("kuantitas" > 0);
ALTER TABLE "target_tahunan" ADD CONSTRAINT "target_tahunan_tahun_range" CHECK ("tahun" BETWEEN 2000 AND 2100);
ALTER TABLE "target_bulanan" ADD CONSTRAINT "target_bulanan_bulan_range" CHECK ("bulan" BETWEEN 1 AND 12);
ALTER TABLE "target_bulanan" ADD CONSTRAINT "target_bulanan_kuantitas_nonneg" CHECK ("kuantitas" >= 0);

-- Realisasi: status 0 = belum diverifikasi, 1 = diverifikasi; a verified entry names who verified it and when,
-- and nobody verifies their own entry.
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_status_0_1" CHECK ("status" IN (0, 1));
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_jumlah_positive" CHECK ("jumlah" > 0);
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_menit_range" CHECK ("menit" BETWEEN 0 AND 1440);
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_verified_consistent"
  CHECK (("status" = 0 AND "verified_by_id" IS NULL AND "verified_at" IS NULL)
      OR ("status" = 1 AND "verified_by_id" IS NOT NULL AND "verified_at" IS NOT NULL));
ALTER TABLE "realisasi" ADD CONSTRAINT "realisasi_not_self_verified" CHECK ("verified_by_id" IS NULL OR "verified_by_id" <> "pegawai_id");

ALTER TABLE "bukti_dukung" ADD CONSTRAINT "bukti_dukung_size" CHECK ("ukuran" > 0 AND "ukuran" <= 2097152);
ALTER TABLE "bukti_dukung" ADD CONSTRAINT "bukti_dukung_mime" CHECK ("mime" IN ('application/pdf', 'image/jpeg', 'image/png'));

-- A verified realisasi is frozen: no DELETE, and no UPDATE except the audited "batalkan verifikasi"
-- (status 1 → 0 with the content unchanged).
CREATE FUNCTION realisasi_freeze_verified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 1 THEN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'realisasi % sudah diverifikasi dan tidak dapat dihapus', OLD.id USING ERRCODE = 'P0001';
    END IF;
    IF NEW.status = 1
       OR (NEW.pegawai_id, NEW.tanggal, NEW.target_tahunan_id, NEW.target_bulanan_id, NEW.pekerjaan, NEW.uraian,
           NEW.jumlah, NEW.satuan, NEW.menit, NEW.idempotency_key)
          IS DISTINCT FROM
          (OLD.pegawai_id, OLD.tanggal, OLD.target_tahunan_id, OLD.target_bulanan_id, OLD.pekerjaan, OLD.uraian,
           OLD.jumlah, OLD.satuan, OLD.menit, OLD.idempotency_key) THEN
      RAISE EXCEPTION 'realisasi % sudah diverifikasi dan terkunci', OLD.id USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "realisasi_freeze_verified" BEFORE UPDATE OR DELETE ON "realisasi"
  FOR EACH ROW EXECUTE FUNCTION realisasi_freeze_verified();

-- Evidence of a verified realisasi is frozen with it.
CREATE FUNCTION bukti_dukung_freeze_verified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM realisasi r WHERE r.id = COALESCE(OLD.realisasi_id, NEW.realisasi_id) AND r.status = 1) THEN
    RAISE EXCEPTION 'bukti dukung realisasi yang sudah diverifikasi tidak dapat diubah' USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "bukti_dukung_freeze_verified" BEFORE INSERT OR UPDATE OR DELETE ON "bukti_dukung"
  FOR EACH ROW EXECUTE FUNCTION bukti_dukung_freeze_verified();

-- The audit log is append-only. Run the app under a role that does not own the tables (README, "Production"),
-- so that it cannot disable this trigger either.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log hanya dapat ditambah (append-only)' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
