-- ABK cache version stamp (issue 6). The public ABK pages are served from a per-instance cache; every instance
-- compares its cached stamp with this row on each request (a primary-key read). Triggers change the stamp in the
-- same transaction as the change, so the new stamp becomes visible exactly when the new data does, whichever
-- service, import or instance made the change. A random value (not a counter) cannot repeat after a restore.
INSERT INTO "setting" ("key", "value", "updated_at") VALUES ('abk_versi', to_jsonb(gen_random_uuid()::text), now())
ON CONFLICT ("key") DO NOTHING;

CREATE FUNCTION abk_versi_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the stamp's own row is a setting too: do not bump again for the update below
  IF TG_TABLE_NAME = 'setting' AND pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  INSERT INTO "setting" ("key", "value", "updated_at") VALUES ('abk_versi', to_jsonb(gen_random_uuid()::text), now())
  ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at";
  RETURN NULL;
END $$;

-- Anjab data (units, jabatan, uraian tugas) and settings (WKE, PJ bands, rounding).
CREATE TRIGGER "unit_kerja_abk_versi" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_kerja"
  FOR EACH STATEMENT EXECUTE FUNCTION abk_versi_bump();
CREATE TRIGGER "jabatan_abk_versi" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "jabatan"
  FOR EACH STATEMENT EXECUTE FUNCTION abk_versi_bump();
CREATE TRIGGER "uraian_tugas_abk_versi" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "uraian_tugas"
  FOR EACH STATEMENT EXECUTE FUNCTION abk_versi_bump();
CREATE TRIGGER "setting_abk_versi" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "setting"
  FOR EACH STATEMENT EXECUTE FUNCTION abk_versi_bump();
-- Jabatan holders (bezetting): only the columns that move a pegawai in or out of a jabatan.
CREATE TRIGGER "pegawai_abk_versi" AFTER INSERT OR DELETE OR UPDATE OF "jabatan_id", "aktif" OR TRUNCATE ON "pegawai"
  FOR EACH STATEMENT EXECUTE FUNCTION abk_versi_bump();
