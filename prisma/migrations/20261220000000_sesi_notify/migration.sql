-- Issue 20: each app instance keeps the sessions it read (the row, its pegawai) and the Verifikasi menu's badges in
-- memory, and PostgreSQL says what changed on one channel, ekinerja_sesi (src/middleware/session-cache.ts). A
-- notification is sent only when its transaction commits, to every instance listening, in commit order. Payloads:
--   s:<sid>   a session row was removed (logout, expiry, pruning); s:<sid>:<md5> it was written (a flash message, the
--             expiry moved), with the md5 of what it now holds: the instance that wrote it keeps what it wrote
--   p:<id>    a pegawai as a session sees it changed (name, NIP, roles, atasan, unit, jabatan, active, password
--             version, must-change-password), or the number of their active subordinates did
--   r:<id>    a pegawai's realisasi or annual targets changed: the badges of whoever verifies them
--   m         who verifies whom changed (riwayat jabatan, Plt/Plh, the jabatan or unit tree, the settings): every badge
--   *         a name shown with every session changed (a jabatan, a unit), or session was truncated: everything
-- Identical notifications of one transaction are sent once (PostgreSQL folds them).

CREATE FUNCTION sesi_notify(payload text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('ekinerja_sesi', payload)
$$;

CREATE FUNCTION sesi_session_berubah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM sesi_notify('s:' || OLD.sid || ':' || md5(NEW.sess::text));
  ELSE
    PERFORM sesi_notify('s:' || OLD.sid);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "session_sesi_notify" AFTER UPDATE OR DELETE ON "session" FOR EACH ROW EXECUTE FUNCTION sesi_session_berubah();

CREATE FUNCTION sesi_semua() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sesi_notify('*');
  RETURN NULL;
END $$;
CREATE TRIGGER "session_sesi_truncate" AFTER TRUNCATE ON "session" FOR EACH STATEMENT EXECUTE FUNCTION sesi_semua();

-- The columns a session reads of its pegawai (src/services/auth.service.ts, SESSION_WITH_USER) and the subordinate
-- count of their atasan (old and new).
CREATE FUNCTION sesi_pegawai_berubah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.atasan_id IS NOT NULL THEN PERFORM sesi_notify('p:' || NEW.atasan_id); END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM sesi_notify('p:' || OLD.id);
    IF OLD.atasan_id IS NOT NULL THEN PERFORM sesi_notify('p:' || OLD.atasan_id); END IF;
    RETURN NULL;
  END IF;
  IF (NEW.nip, NEW.nama, NEW.peran, NEW.atasan_id, NEW.unit_id, NEW.jabatan_id, NEW.aktif, NEW.session_version, NEW.must_change_password)
     IS DISTINCT FROM (OLD.nip, OLD.nama, OLD.peran, OLD.atasan_id, OLD.unit_id, OLD.jabatan_id, OLD.aktif, OLD.session_version, OLD.must_change_password) THEN
    PERFORM sesi_notify('p:' || NEW.id);
  END IF;
  IF (NEW.atasan_id, NEW.aktif) IS DISTINCT FROM (OLD.atasan_id, OLD.aktif) THEN
    IF OLD.atasan_id IS NOT NULL THEN PERFORM sesi_notify('p:' || OLD.atasan_id); END IF;
    IF NEW.atasan_id IS NOT NULL THEN PERFORM sesi_notify('p:' || NEW.atasan_id); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "pegawai_sesi_notify" AFTER INSERT OR UPDATE OR DELETE ON "pegawai" FOR EACH ROW EXECUTE FUNCTION sesi_pegawai_berubah();
CREATE TRIGGER "pegawai_sesi_truncate" AFTER TRUNCATE ON "pegawai" FOR EACH STATEMENT EXECUTE FUNCTION sesi_semua();

-- A jabatan's or unit's name is shown with every session of its holders; their tree decides who verifies whom.
CREATE TRIGGER "jabatan_sesi_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "jabatan" FOR EACH STATEMENT EXECUTE FUNCTION sesi_semua();
CREATE TRIGGER "unit_kerja_sesi_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_kerja" FOR EACH STATEMENT EXECUTE FUNCTION sesi_semua();

-- Who verifies whom (the menu's windows) and the pejabat puncak (a setting): every badge.
CREATE FUNCTION sesi_menu_semua() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sesi_notify('m');
  RETURN NULL;
END $$;
CREATE TRIGGER "riwayat_jabatan_sesi_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "riwayat_jabatan" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();
CREATE TRIGGER "penugasan_atasan_sesi_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "penugasan_atasan" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();
CREATE TRIGGER "setting_sesi_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "setting" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();

-- The entries and targets a badge counts: the badges of whoever verifies these pegawai (one notification per pegawai
-- a statement touched).
CREATE FUNCTION sesi_pegawai_dari_baris() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM sesi_notify('r:' || pegawai_id) FROM (SELECT DISTINCT pegawai_id FROM baru) x;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM sesi_notify('r:' || pegawai_id) FROM (SELECT DISTINCT pegawai_id FROM lama) x;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "realisasi_sesi_ins" AFTER INSERT ON "realisasi" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "realisasi_sesi_upd" AFTER UPDATE ON "realisasi" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "realisasi_sesi_del" AFTER DELETE ON "realisasi" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "realisasi_sesi_truncate" AFTER TRUNCATE ON "realisasi" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();
CREATE TRIGGER "target_tahunan_sesi_ins" AFTER INSERT ON "target_tahunan" REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "target_tahunan_sesi_upd" AFTER UPDATE ON "target_tahunan" REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "target_tahunan_sesi_del" AFTER DELETE ON "target_tahunan" REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION sesi_pegawai_dari_baris();
CREATE TRIGGER "target_tahunan_sesi_truncate" AFTER TRUNCATE ON "target_tahunan" FOR EACH STATEMENT EXECUTE FUNCTION sesi_menu_semua();
