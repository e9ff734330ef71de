-- The Persetujuan Target badge counts the SKP waiting too (issue 19, src/services/verifikasi.service.ts
-- menuVerifikasiSql): an SKP submitted, approved, returned or removed drops the badges of whoever decides it, like a
-- target does (migration 20261220000000_sesi_notify, src/middleware/session-cache.ts).
CREATE TRIGGER "skp_sesi_ins" AFTER INSERT ON "skp" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "skp_sesi_upd" AFTER UPDATE ON "skp" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "skp_sesi_del" AFTER DELETE ON "skp" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "skp_sesi_truncate" AFTER TRUNCATE ON "skp" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();
