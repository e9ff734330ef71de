-- Issue 22: where a pegawai's TPP is paid. The number is digits only (the bank's bulk transfer takes it as it is);
-- it is shown in full only to the admin and to the pegawai, masked everywhere else, and never written to a log or to
-- the audit log in clear (src/domain/rekening.ts).
ALTER TABLE "pegawai" ADD COLUMN "bank_nama" VARCHAR(60), ADD COLUMN "rekening" VARCHAR(20);
ALTER TABLE "pegawai" ADD CONSTRAINT "pegawai_rekening_angka" CHECK ("rekening" ~ '^[0-9]{6,20}$');
