import type { PrismaClient } from '../src/generated/prisma/client.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Umpan balik berkelanjutan of the demo Pemda (issue 19 §2), set-based: four statements whatever the date or size.
 * Runs after the SKP (their RHK are what feedback is about) and after the realisasi (the returned one joins the history).
 * - the realisasi returned with a note (seed.ts CATATAN_DIKEMBALIKAN) becomes the history's entry, as the migration
 *   does with returns recorded before feedback existed;
 * - every pegawai with an atasan gets feedback from the atasan of that date in about one month in three, on one of
 *   the RHK of the SKP in force (or a core value BerAKHLAK), chosen by a hash so the demo is the same on every machine;
 *   about half are answered by the pegawai two days later;
 * - the demo pegawai has a thread (RHK feedback, their answer, the atasan's reply) three weeks back, feedback on the
 *   SKP in the first month, and a note on a core value two days ago (Beranda shows it as "umpan balik baru").
 */
export async function seedUmpanBalik(tx: Tx, o: { today: string; dariTahun: number; demoPegawai: string }): Promise<void> {
  await tx.$executeRaw`SELECT umpan_balik_dari_realisasi()`;

  await tx.$executeRaw`
    INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, perilaku, penulis_id, isi, dibuat_at)
    SELECT p.id, s.id, CASE WHEN NOT x.perilaku THEN r.id END,
           CASE WHEN x.perilaku OR r.id IS NULL THEN (enum_range(NULL::"NilaiBerakhlak"))[1 + x.acak % 7] END,
           coalesce(h.atasan_id, p.atasan_id),
           CASE WHEN x.perilaku OR r.id IS NULL
                THEN (ARRAY['Terima kasih atas sikap pelayanan yang ramah dan cepat kepada masyarakat bulan ini.',
                            'Mohon lebih proaktif berkoordinasi dengan rekan satu tim sebelum tenggat.',
                            'Kehadiran dan ketepatan waktu sudah baik, pertahankan.',
                            'Bagikan pengetahuan teknis Anda kepada rekan yang baru bergabung.'])[1 + (x.acak / 7) % 4]
                ELSE (ARRAY['Hasil kerja bulan ini sesuai target; lampirkan bukti dukung yang lebih lengkap.',
                            'Capaian masih di bawah rencana bulanan: susun langkah percepatan untuk bulan depan.',
                            'Kualitas laporan meningkat. Perhatikan konsistensi format dan penomoran.',
                            'Target kuantitas tercapai lebih awal, pertimbangkan menambah cakupan pekerjaan.'])[1 + (x.acak / 7) % 4] END,
           (d.tanggal + time '10:00') AT TIME ZONE 'Asia/Jakarta'
    FROM pegawai p
    CROSS JOIN generate_series(make_date(${o.dariTahun}::int, 1, 1), date_trunc('month', ${o.today}::date)::date, interval '1 month') AS m(awal)
    CROSS JOIN LATERAL (SELECT abs(hashtext(p.nip || ':umpan-balik:' || m.awal::date)) AS acak) a
    CROSS JOIN LATERAL (SELECT a.acak, (a.acak / 3) % 3 = 0 AS perilaku) x
    CROSS JOIN LATERAL (SELECT (m.awal::date + 5 + x.acak % 20) AS tanggal) d
    LEFT JOIN LATERAL (
      SELECT h.atasan_id FROM riwayat_jabatan h
      WHERE h.pegawai_id = p.id AND (h.tmt_awal IS NULL OR h.tmt_awal <= d.tanggal) AND (h.tmt_akhir IS NULL OR d.tanggal < h.tmt_akhir)
      LIMIT 1) h ON true
    LEFT JOIN LATERAL (SELECT s.id FROM skp s WHERE s.pegawai_id = p.id AND d.tanggal BETWEEN s.mulai AND s.selesai LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT r.id FROM rhk r WHERE r.skp_id = s.id
      ORDER BY r.urutan, r.id OFFSET x.acak % greatest(1, (SELECT count(*) FROM rhk c WHERE c.skp_id = s.id)) LIMIT 1) r ON true
    WHERE p.aktif AND p.nip <> ${o.demoPegawai} AND x.acak % 3 = 0 AND d.tanggal < ${o.today}::date
      AND coalesce(h.atasan_id, p.atasan_id) IS NOT NULL
    ORDER BY d.tanggal, p.id`;

  // The demo pegawai's own: (hari sebelum today, jam, tentang, penulis: the atasan or the pegawai, text, the thread it answers)
  await tx.$executeRaw`
    WITH demo AS (SELECT id, atasan_id FROM pegawai WHERE nip = ${o.demoPegawai}),
      item(mundur, jam, jenis, isi) AS (VALUES
        (21, time '09:30', 'rhk', 'Progres pengembangan modul sudah baik. Mohon dokumentasikan hasil uji setiap rilis agar mudah diverifikasi.'),
        (2, time '14:00', 'perilaku', 'Terima kasih sudah membantu tim Dinas Kesehatan memulihkan layanan minggu ini: contoh kolaborasi yang baik.'),
        (NULL, time '10:00', 'skp', 'SKP tahun ini sudah disetujui. Fokuskan bulan-bulan awal pada RHK utama, lalu RHK tambahan.'))
    INSERT INTO umpan_balik (pegawai_id, skp_id, rhk_id, perilaku, penulis_id, isi, dibuat_at)
    SELECT d.id, s.id, CASE WHEN i.jenis = 'rhk' THEN r.id END,
           CASE WHEN i.jenis = 'perilaku' OR (i.jenis = 'rhk' AND r.id IS NULL) THEN 'KOLABORATIF'::"NilaiBerakhlak" END,
           d.atasan_id, i.isi, (t.tanggal + i.jam) AT TIME ZONE 'Asia/Jakarta'
    FROM demo d CROSS JOIN item i
    CROSS JOIN LATERAL (SELECT CASE WHEN i.mundur IS NULL THEN make_date(extract(year FROM ${o.today}::date)::int, 1, 8)
                                    ELSE ${o.today}::date - i.mundur END AS tanggal) t
    LEFT JOIN LATERAL (SELECT s.id FROM skp s WHERE s.pegawai_id = d.id AND t.tanggal BETWEEN s.mulai AND s.selesai LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT r.id FROM rhk r WHERE r.skp_id = s.id ORDER BY r.jenis, r.urutan, r.id LIMIT 1) r ON true
    WHERE d.atasan_id IS NOT NULL AND t.tanggal < ${o.today}::date
    ORDER BY t.tanggal`;

  // Answers: about half of the feedback of other pegawai two days later; the demo thread gets the pegawai's answer
  // and the atasan's reply. Only what is before today.
  await tx.$executeRaw`
    WITH demo AS (SELECT id, atasan_id FROM pegawai WHERE nip = ${o.demoPegawai}),
      jawab AS (
        SELECT u.id AS induk_id, u.pegawai_id, u.pegawai_id AS penulis_id, u.dibuat_at + interval '2 days' AS dibuat_at,
               (ARRAY['Baik, terima kasih atas masukannya. Akan saya tindak lanjuti.',
                      'Siap. Bukti dukung akan saya lengkapi minggu ini.',
                      'Terima kasih, saya akan berkoordinasi dengan rekan satu tim.'])[1 + abs(hashtext(u.pegawai_id || ':' || u.dibuat_at)) % 3] AS isi
        FROM umpan_balik u
        WHERE u.induk_id IS NULL AND u.realisasi_id IS NULL AND u.pegawai_id <> (SELECT id FROM demo)
          AND abs(hashtext(u.pegawai_id || ':' || u.dibuat_at)) % 2 = 0
        UNION ALL
        SELECT u.id, u.pegawai_id, x.penulis, u.dibuat_at + x.jeda, x.isi
        FROM umpan_balik u JOIN demo d ON d.id = u.pegawai_id
        CROSS JOIN LATERAL (VALUES
          (d.id, interval '1 day 4 hours', 'Baik, Pak. Mulai rilis berikutnya hasil uji saya lampirkan sebagai bukti dukung.'),
          (d.atasan_id, interval '1 day 6 hours', 'Terima kasih, lanjutkan. Kita tinjau bersama pada evaluasi bulanan.')) AS x(penulis, jeda, isi)
        WHERE u.induk_id IS NULL AND u.rhk_id IS NOT NULL AND u.realisasi_id IS NULL
          AND u.dibuat_at = (SELECT max(v.dibuat_at) FROM umpan_balik v WHERE v.pegawai_id = d.id AND v.induk_id IS NULL AND v.rhk_id IS NOT NULL AND v.realisasi_id IS NULL))
    INSERT INTO umpan_balik (pegawai_id, induk_id, penulis_id, isi, dibuat_at)
    SELECT pegawai_id, induk_id, penulis_id, isi, dibuat_at FROM jawab
    WHERE dibuat_at < (${o.today}::date + time '00:00') AT TIME ZONE 'Asia/Jakarta'
    ORDER BY dibuat_at, induk_id`;
}
