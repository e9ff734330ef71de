-- Issue 22, the signature of the daftar pembayaran: when the head post of an OPD is vacant on the month's last day, its
-- Plt signs. A Plt names the vacant post (penugasan_atasan.jabatan_id): looked up by it.
CREATE INDEX "penugasan_atasan_jabatan_id_idx" ON "penugasan_atasan"("jabatan_id");
