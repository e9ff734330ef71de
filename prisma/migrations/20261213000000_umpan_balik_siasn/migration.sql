-- Issue 19, S3: umpan balik berkelanjutan and the national system (docs/skp.md "Umpan balik", docs/siasn.md).
--   umpan_balik        (base migration) gets what its forms need: an idempotency key per writer, the rules of a
--                      thread (an answer hangs under a feedback of the same pegawai, and names nothing itself), the
--                      indexes of its foreign keys, and append-only content (the history is a record);
--   umpan_balik_dari_realisasi()  the realisasi returned with a note before this migration become feedback rows,
--                      so Realisasi's "dikembalikan dengan catatan" is in the same history (a function: the demo seed
--                      and a test run it on data they made);
--   siasn_pengiriman   one "Kirim ke SIASN" of a period: who started it, how far it got (one at a time per period);
--   siasn_kirim        the national record of one pegawai's period: its id there (a resend updates it instead of
--                      adding another), the last outcome and message.

-- ── Umpan balik ─────────────────────────────────────────────────────────────────────────────────────────────────────
ALTER TABLE "umpan_balik" ADD COLUMN "idempotency_key" UUID;
-- a double-clicked "Kirim" writes one row: the key is unique per writer
CREATE UNIQUE INDEX "umpan_balik_penulis_id_idempotency_key_key" ON "umpan_balik"("penulis_id", "idempotency_key");
-- the atasan's Beranda (answers to what they wrote), and the foreign keys' ON DELETE SET NULL (no scan per delete)
CREATE INDEX "umpan_balik_penulis_id_dibuat_at_idx" ON "umpan_balik"("penulis_id", "dibuat_at");
CREATE INDEX "umpan_balik_realisasi_id_idx" ON "umpan_balik"("realisasi_id");
CREATE INDEX "umpan_balik_skp_id_idx" ON "umpan_balik"("skp_id");

ALTER TABLE "umpan_balik"
  -- a feedback is on one RHK or one core value or the SKP as a whole; a returned realisasi names its RHK too
  ADD CONSTRAINT "umpan_balik_satu_sasaran" CHECK ("rhk_id" IS NULL OR "perilaku" IS NULL),
  ADD CONSTRAINT "umpan_balik_realisasi_bukan_perilaku" CHECK ("realisasi_id" IS NULL OR "perilaku" IS NULL),
  -- an answer belongs to its feedback and names nothing of its own
  ADD CONSTRAINT "umpan_balik_jawaban_polos" CHECK ("induk_id" IS NULL OR ("rhk_id" IS NULL AND "perilaku" IS NULL AND "realisasi_id" IS NULL)),
  ADD CONSTRAINT "umpan_balik_sebagai" CHECK ("penulis_sebagai" IS NULL OR "penulis_sebagai" IN ('Plt', 'Plh', 'admin')),
  ADD CONSTRAINT "umpan_balik_bukan_induk_diri" CHECK ("induk_id" IS NULL OR "induk_id" <> "id");

-- An answer hangs under a feedback (not under another answer) of the same pegawai.
CREATE FUNCTION umpan_balik_jawaban() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.induk_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM umpan_balik i WHERE i.id = NEW.induk_id AND i.induk_id IS NULL AND i.pegawai_id = NEW.pegawai_id
  ) THEN
    RAISE EXCEPTION 'jawaban umpan balik harus di bawah umpan balik pegawai yang sama' USING ERRCODE = 'check_violation', CONSTRAINT = 'umpan_balik_jawaban';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "umpan_balik_jawaban" BEFORE INSERT ON "umpan_balik" FOR EACH ROW EXECUTE FUNCTION umpan_balik_jawaban();

-- The history is a record: what was written, by whom, when and about what never changes and is never deleted. The
-- only update allowed is the foreign keys' ON DELETE SET NULL (an RHK, SKP or realisasi deleted later).
CREATE FUNCTION umpan_balik_tetap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'umpan balik tidak dapat dihapus (riwayat)' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.pegawai_id <> OLD.pegawai_id OR NEW.penulis_id <> OLD.penulis_id OR NEW.isi <> OLD.isi
     OR NEW.dibuat_at <> OLD.dibuat_at OR NEW.induk_id IS DISTINCT FROM OLD.induk_id
     OR NEW.perilaku IS DISTINCT FROM OLD.perilaku OR NEW.penulis_sebagai IS DISTINCT FROM OLD.penulis_sebagai
     OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
     OR (NEW.rhk_id IS NOT NULL AND NEW.rhk_id IS DISTINCT FROM OLD.rhk_id)
     OR (NEW.skp_id IS NOT NULL AND NEW.skp_id IS DISTINCT FROM OLD.skp_id)
     OR (NEW.realisasi_id IS NOT NULL AND NEW.realisasi_id IS DISTINCT FROM OLD.realisasi_id) THEN
    RAISE EXCEPTION 'umpan balik tidak dapat diubah (riwayat)' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "umpan_balik_tetap" BEFORE UPDATE OR DELETE ON "umpan_balik" FOR EACH ROW EXECUTE FUNCTION umpan_balik_tetap();

-- Realisasi returned with a note before feedback existed. A return is audited ('realisasi.kembalikan': the actor, the
-- atasan they acted for, the note and Plt/Plh in `after`), while the entry's own note is cleared when the pegawai
-- corrects it: the audit log is the full history. Entries returned without an audit row (the demo seed writes them
-- directly) are taken from the entry, written by the atasan of the entry's date. A return already in the history
-- (same entry, same note) is not written twice, so the function can run again.
CREATE FUNCTION umpan_balik_dari_realisasi() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  dari_audit integer;
  dari_entri integer;
BEGIN
  INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, realisasi_id, penulis_id, penulis_sebagai, isi, dibuat_at)
  SELECT DISTINCT ON (r.id, x.isi)
         r.pegawai_id,
         (SELECT s.id FROM skp s WHERE s.pegawai_id = r.pegawai_id AND r.tanggal BETWEEN s.mulai AND s.selesai ORDER BY s.mulai LIMIT 1),
         t.rhk_id, r.id, a.actor_id,
         CASE WHEN a.after ->> 'sebagai' IN ('Plt', 'Plh') THEN a.after ->> 'sebagai'
              WHEN a.on_behalf_of_id IS NOT NULL THEN 'admin' END,
         x.isi, a.at
  FROM audit_log a
  CROSS JOIN LATERAL (SELECT left(btrim(a.after ->> 'catatanAtasan'), 2000) AS isi) x
  JOIN realisasi r ON r.id = CASE WHEN a.object_id ~ '^[0-9]{1,9}$' THEN a.object_id::int END
  LEFT JOIN target_tahunan t ON t.id = r.target_tahunan_id
  WHERE a.action = 'realisasi.kembalikan' AND a.object_type = 'realisasi' AND a.actor_id IS NOT NULL
    AND coalesce(x.isi, '') <> ''
    AND NOT EXISTS (SELECT 1 FROM umpan_balik u WHERE u.realisasi_id = r.id AND u.isi = x.isi)
  ORDER BY r.id, x.isi, a.at, a.id;
  GET DIAGNOSTICS dari_audit = ROW_COUNT;

  INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, realisasi_id, penulis_id, penulis_sebagai, isi, dibuat_at)
  SELECT r.pegawai_id,
         (SELECT s.id FROM skp s WHERE s.pegawai_id = r.pegawai_id AND r.tanggal BETWEEN s.mulai AND s.selesai ORDER BY s.mulai LIMIT 1),
         t.rhk_id, r.id, coalesce(h.atasan_id, p.atasan_id), NULL, btrim(r.catatan_atasan), r.returned_at
  FROM realisasi r
  JOIN pegawai p ON p.id = r.pegawai_id
  LEFT JOIN target_tahunan t ON t.id = r.target_tahunan_id
  LEFT JOIN LATERAL (
    SELECT h.atasan_id FROM riwayat_jabatan h
    WHERE h.pegawai_id = r.pegawai_id AND (h.tmt_awal IS NULL OR h.tmt_awal <= r.tanggal) AND (h.tmt_akhir IS NULL OR r.tanggal < h.tmt_akhir)
    LIMIT 1) h ON true
  WHERE r.returned_at IS NOT NULL AND btrim(coalesce(r.catatan_atasan, '')) <> ''
    AND coalesce(h.atasan_id, p.atasan_id) IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM umpan_balik u WHERE u.realisasi_id = r.id AND u.isi = btrim(r.catatan_atasan))
  ORDER BY r.returned_at, r.id;
  GET DIAGNOSTICS dari_entri = ROW_COUNT;
  RETURN dari_audit + dari_entri;
END $$;
SELECT umpan_balik_dari_realisasi();

-- ── SIASN ───────────────────────────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE "siasn_pengiriman" (
    "id" SERIAL NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT,
    "idempotency_key" UUID NOT NULL,
    "oleh_id" INTEGER NOT NULL,
    "status" VARCHAR(10) NOT NULL DEFAULT 'BERJALAN',
    "jumlah" INTEGER NOT NULL DEFAULT 0,
    "berhasil" INTEGER NOT NULL DEFAULT 0,
    "gagal" INTEGER NOT NULL DEFAULT 0,
    "pesan" VARCHAR(1000),
    "mulai_at" TIMESTAMPTZ(3) NOT NULL,
    "diperbarui_at" TIMESTAMPTZ(3) NOT NULL,
    "selesai_at" TIMESTAMPTZ(3),
    CONSTRAINT "siasn_pengiriman_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "siasn_pengiriman_bulan" CHECK ("bulan" IS NULL OR "bulan" BETWEEN 1 AND 12),
    CONSTRAINT "siasn_pengiriman_status" CHECK ("status" IN ('BERJALAN', 'SELESAI', 'TERPUTUS', 'GAGAL')),
    CONSTRAINT "siasn_pengiriman_selesai" CHECK (("status" = 'BERJALAN') = ("selesai_at" IS NULL))
);
-- a double-clicked "Kirim ke SIASN" starts one send
CREATE UNIQUE INDEX "siasn_pengiriman_idempotency_key_key" ON "siasn_pengiriman"("idempotency_key");
-- one running send per period: two at once would both create the same national records
CREATE UNIQUE INDEX "siasn_pengiriman_satu_berjalan" ON "siasn_pengiriman"("tahun", "bulan") NULLS NOT DISTINCT WHERE "status" = 'BERJALAN';
CREATE INDEX "siasn_pengiriman_tahun_bulan_mulai_at_idx" ON "siasn_pengiriman"("tahun", "bulan", "mulai_at");
ALTER TABLE "siasn_pengiriman" ADD CONSTRAINT "siasn_pengiriman_oleh_id_fkey" FOREIGN KEY ("oleh_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "siasn_kirim" (
    "id" SERIAL NOT NULL,
    "pegawai_id" INTEGER NOT NULL,
    "tahun" SMALLINT NOT NULL,
    "bulan" SMALLINT,
    "pns_id" VARCHAR(64),
    "riwayat_id" VARCHAR(64),
    "status" VARCHAR(10) NOT NULL,
    "pesan" VARCHAR(1000),
    "data_hash" CHAR(64),
    "pengiriman_id" INTEGER,
    "dikirim_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "siasn_kirim_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "siasn_kirim_bulan" CHECK ("bulan" IS NULL OR "bulan" BETWEEN 1 AND 12),
    CONSTRAINT "siasn_kirim_status" CHECK ("status" IN ('TERKIRIM', 'GAGAL'))
);
CREATE UNIQUE INDEX "siasn_kirim_pegawai_tahun_bulan_key" ON "siasn_kirim"("pegawai_id", "tahun", "bulan") NULLS NOT DISTINCT;
-- the admin page: a period's outcomes
CREATE INDEX "siasn_kirim_tahun_bulan_status_idx" ON "siasn_kirim"("tahun", "bulan", "status");
CREATE INDEX "siasn_kirim_pengiriman_id_idx" ON "siasn_kirim"("pengiriman_id");
ALTER TABLE "siasn_kirim" ADD CONSTRAINT "siasn_kirim_pegawai_id_fkey" FOREIGN KEY ("pegawai_id") REFERENCES "pegawai"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "siasn_kirim" ADD CONSTRAINT "siasn_kirim_pengiriman_id_fkey" FOREIGN KEY ("pengiriman_id") REFERENCES "siasn_pengiriman"("id") ON DELETE SET NULL ON UPDATE CASCADE;
