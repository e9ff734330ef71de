// A believable small Pemda for the demo: three OPD, a Kepala → Kabid → Kasi → pelaksana hierarchy,
// Anjab tasks with satuan and norma waktu (minutes per unit of result).

export type Tugas = [uraian: string, hasilKerja: string, satuan: string, volumePerTahun: number, normaWaktu: number];
export type JabatanSeed = {
  key: string;
  nama: string;
  jenis: 'JPT' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL';
  kelas: number;
  unit: string; // key of the unit
  atasan?: string; // key of the atasan jabatan
  ikhtisar: string;
  tugas: Tugas[];
};
export type UnitSeed = { key: string; nama: string; singkatan?: string; induk?: string };
export type PegawaiSeed = {
  nip: string;
  nama: string;
  golongan: string;
  jabatan: string;
  atasan?: string; // NIP of the atasan langsung
  peran?: ('PEGAWAI' | 'PIMPINAN' | 'ADMIN')[];
};

export const DEMO_PASSWORD = 'Demo#2026';
export const DEMO_ACCOUNTS = {
  pegawai: '199203102019032001',
  atasan: '198105122006041003',
  admin: '197708172002121004',
} as const;

export const UNITS: UnitSeed[] = [
  { key: 'pemda', nama: 'Pemerintah Kabupaten Sukamaju' },
  { key: 'kominfo', nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', induk: 'pemda' },
  { key: 'kominfo-aptika', nama: 'Bidang Aplikasi Informatika', induk: 'kominfo' },
  { key: 'kominfo-aptika-apl', nama: 'Seksi Pengembangan Aplikasi', induk: 'kominfo-aptika' },
  { key: 'kominfo-aptika-egov', nama: 'Seksi Tata Kelola E-Government', induk: 'kominfo-aptika' },
  { key: 'kominfo-ikp', nama: 'Bidang Informasi dan Komunikasi Publik', induk: 'kominfo' },
  { key: 'kominfo-ikp-media', nama: 'Seksi Pengelolaan Media Publik', induk: 'kominfo-ikp' },
  { key: 'bkpsdm', nama: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', singkatan: 'BKPSDM', induk: 'pemda' },
  { key: 'bkpsdm-mutasi', nama: 'Bidang Mutasi dan Promosi', induk: 'bkpsdm' },
  { key: 'bkpsdm-mutasi-data', nama: 'Sub Bidang Data dan Informasi Kepegawaian', induk: 'bkpsdm-mutasi' },
  { key: 'bkpsdm-mutasi-pangkat', nama: 'Sub Bidang Kepangkatan dan Mutasi', induk: 'bkpsdm-mutasi' },
  { key: 'bkpsdm-bangkom', nama: 'Bidang Pengembangan Kompetensi', induk: 'bkpsdm' },
  { key: 'bkpsdm-bangkom-diklat', nama: 'Sub Bidang Pendidikan dan Pelatihan', induk: 'bkpsdm-bangkom' },
  { key: 'dinkes', nama: 'Dinas Kesehatan', singkatan: 'Dinkes', induk: 'pemda' },
  { key: 'dinkes-yankes', nama: 'Bidang Pelayanan Kesehatan', induk: 'dinkes' },
  { key: 'dinkes-yankes-primer', nama: 'Seksi Pelayanan Kesehatan Primer', induk: 'dinkes-yankes' },
  { key: 'dinkes-yankes-rujukan', nama: 'Seksi Pelayanan Kesehatan Rujukan', induk: 'dinkes-yankes' },
  { key: 'dinkes-p2p', nama: 'Bidang Pencegahan dan Pengendalian Penyakit', induk: 'dinkes' },
  { key: 'dinkes-p2p-surv', nama: 'Seksi Surveilans dan Imunisasi', induk: 'dinkes-p2p' },
];

const kepala = (bidang: string): Tugas[] => [
  [`Merumuskan kebijakan teknis di bidang ${bidang}`, 'Dokumen kebijakan teknis', 'Dokumen', 6, 1200],
  ['Menyusun rencana strategis dan rencana kerja perangkat daerah', 'Dokumen Renstra/Renja', 'Dokumen', 2, 4800],
  ['Memimpin rapat koordinasi pelaksanaan program', 'Notulen rapat koordinasi', 'Kegiatan', 24, 240],
  ['Melakukan pembinaan dan pengawasan terhadap pelaksanaan tugas bawahan', 'Laporan pembinaan', 'Laporan', 12, 480],
  ['Mengevaluasi dan melaporkan capaian kinerja perangkat daerah', 'Laporan kinerja (LKjIP)', 'Laporan', 1, 6000],
];
const kabid = (bidang: string): Tugas[] => [
  [`Menyusun program kerja ${bidang}`, 'Dokumen program kerja', 'Dokumen', 1, 2400],
  [`Mengoordinasikan pelaksanaan kegiatan ${bidang}`, 'Laporan koordinasi', 'Laporan', 12, 360],
  ['Membagi tugas dan memberi petunjuk kepada bawahan', 'Disposisi dan arahan', 'Disposisi', 240, 20],
  ['Memaraf dan menandatangani naskah dinas sesuai kewenangan', 'Naskah dinas', 'Naskah', 300, 10],
  [`Mengevaluasi pelaksanaan kegiatan ${bidang}`, 'Laporan evaluasi', 'Laporan', 4, 720],
  ['Menyusun laporan pelaksanaan tugas bidang', 'Laporan bulanan bidang', 'Laporan', 12, 300],
];
const kasi = (seksi: string): Tugas[] => [
  [`Menyusun rencana kegiatan ${seksi}`, 'Rencana kegiatan', 'Dokumen', 1, 1200],
  [`Melaksanakan kegiatan teknis ${seksi}`, 'Laporan kegiatan', 'Kegiatan', 24, 480],
  ['Memeriksa hasil kerja pelaksana', 'Hasil kerja terverifikasi', 'Berkas', 240, 15],
  ['Menyiapkan bahan rapat dan telaahan staf', 'Telaahan staf', 'Telaahan', 24, 120],
  [`Menyusun laporan pelaksanaan kegiatan ${seksi}`, 'Laporan seksi', 'Laporan', 12, 240],
];

export const JABATAN: JabatanSeed[] = [
  // ── Diskominfo ──
  { key: 'kominfo-kadis', nama: 'Kepala Dinas Komunikasi dan Informatika', jenis: 'JPT', kelas: 14, unit: 'kominfo',
    ikhtisar: 'Memimpin penyelenggaraan urusan komunikasi, informatika, statistik dan persandian.', tugas: kepala('komunikasi dan informatika') },
  { key: 'kominfo-kabid-aptika', nama: 'Kepala Bidang Aplikasi Informatika', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'kominfo-aptika', atasan: 'kominfo-kadis',
    ikhtisar: 'Memimpin pengembangan aplikasi dan tata kelola sistem pemerintahan berbasis elektronik.', tugas: kabid('aplikasi informatika') },
  { key: 'kominfo-kasi-apl', nama: 'Kepala Seksi Pengembangan Aplikasi', jenis: 'PENGAWAS', kelas: 9, unit: 'kominfo-aptika-apl', atasan: 'kominfo-kabid-aptika',
    ikhtisar: 'Mengawasi pengembangan dan pemeliharaan aplikasi perangkat daerah.', tugas: kasi('pengembangan aplikasi') },
  { key: 'kominfo-kasi-egov', nama: 'Kepala Seksi Tata Kelola E-Government', jenis: 'PENGAWAS', kelas: 9, unit: 'kominfo-aptika-egov', atasan: 'kominfo-kabid-aptika',
    ikhtisar: 'Mengawasi tata kelola SPBE dan interoperabilitas data.', tugas: kasi('tata kelola e-government') },
  { key: 'kominfo-psi', nama: 'Pengelola Sistem Informasi', jenis: 'PELAKSANA', kelas: 7, unit: 'kominfo-aptika-apl', atasan: 'kominfo-kasi-apl',
    ikhtisar: 'Mengelola, memelihara dan mendokumentasikan sistem informasi perangkat daerah.',
    tugas: [
      ['Melakukan pemeliharaan aplikasi perangkat daerah', 'Laporan pemeliharaan aplikasi', 'Laporan', 48, 180],
      ['Menangani permintaan dukungan teknis pengguna aplikasi', 'Tiket layanan terselesaikan', 'Tiket', 480, 30],
      ['Menyusun dokumentasi teknis dan panduan pengguna aplikasi', 'Dokumen panduan', 'Dokumen', 12, 600],
      ['Melakukan pencadangan (backup) basis data aplikasi', 'Log pencadangan', 'Kali', 240, 20],
      ['Menguji fungsi aplikasi sebelum dirilis', 'Berita acara pengujian', 'Berita Acara', 24, 240],
      ['Memperbarui konten dan data pada portal resmi', 'Konten terbit', 'Konten', 120, 45],
    ] },
  { key: 'kominfo-pranata', nama: 'Pranata Komputer Ahli Pertama', jenis: 'FUNGSIONAL', kelas: 8, unit: 'kominfo-aptika-apl', atasan: 'kominfo-kasi-apl',
    ikhtisar: 'Melaksanakan kegiatan teknologi informasi berbasis komputer.',
    tugas: [
      ['Membuat rancangan basis data aplikasi', 'Rancangan basis data', 'Rancangan', 6, 960],
      ['Menulis program sesuai rancangan aplikasi', 'Modul program', 'Modul', 36, 480],
      ['Melakukan instalasi dan konfigurasi server', 'Server terkonfigurasi', 'Server', 12, 360],
      ['Memantau kinerja jaringan dan server', 'Laporan pemantauan', 'Laporan', 52, 90],
    ] },
  { key: 'kominfo-adm-egov', nama: 'Pengolah Data SPBE', jenis: 'PELAKSANA', kelas: 6, unit: 'kominfo-aptika-egov', atasan: 'kominfo-kasi-egov',
    ikhtisar: 'Mengolah data indikator dan dokumen Sistem Pemerintahan Berbasis Elektronik.',
    tugas: [
      ['Menghimpun data indikator SPBE dari perangkat daerah', 'Rekap data indikator', 'Rekap', 12, 300],
      ['Menyusun bahan evaluasi mandiri SPBE', 'Bahan evaluasi', 'Dokumen', 2, 2400],
      ['Mengentri data arsitektur SPBE', 'Data terentri', 'Berkas', 120, 30],
      ['Menyiapkan bahan rapat tim koordinasi SPBE', 'Bahan rapat', 'Berkas', 12, 120],
    ] },
  { key: 'kominfo-kabid-ikp', nama: 'Kepala Bidang Informasi dan Komunikasi Publik', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'kominfo-ikp', atasan: 'kominfo-kadis',
    ikhtisar: 'Memimpin pengelolaan informasi dan komunikasi publik.', tugas: kabid('informasi dan komunikasi publik') },
  { key: 'kominfo-kasi-media', nama: 'Kepala Seksi Pengelolaan Media Publik', jenis: 'PENGAWAS', kelas: 9, unit: 'kominfo-ikp-media', atasan: 'kominfo-kabid-ikp',
    ikhtisar: 'Mengawasi pengelolaan media publik dan kehumasan.', tugas: kasi('pengelolaan media publik') },
  { key: 'kominfo-pranata-humas', nama: 'Pranata Hubungan Masyarakat', jenis: 'FUNGSIONAL', kelas: 7, unit: 'kominfo-ikp-media', atasan: 'kominfo-kasi-media',
    ikhtisar: 'Melaksanakan kegiatan kehumasan dan publikasi.',
    tugas: [
      ['Menyusun naskah siaran pers', 'Siaran pers', 'Naskah', 96, 120],
      ['Meliput kegiatan pimpinan daerah', 'Dokumentasi liputan', 'Liputan', 120, 180],
      ['Mengelola akun media sosial resmi', 'Unggahan terbit', 'Unggahan', 365, 30],
      ['Menyusun kliping berita harian', 'Kliping berita', 'Kliping', 240, 45],
    ] },
  { key: 'kominfo-pengadm', nama: 'Pengadministrasi Umum', jenis: 'PELAKSANA', kelas: 5, unit: 'kominfo-ikp-media', atasan: 'kominfo-kasi-media',
    ikhtisar: 'Melaksanakan administrasi persuratan dan kearsipan.',
    tugas: [
      ['Mengagendakan surat masuk dan surat keluar', 'Surat teragenda', 'Surat', 1200, 5],
      ['Mendistribusikan surat sesuai disposisi', 'Surat terdistribusi', 'Surat', 1200, 5],
      ['Menata arsip dinamis unit kerja', 'Arsip tertata', 'Berkas', 240, 20],
      ['Menyiapkan perlengkapan rapat', 'Rapat terlaksana', 'Kegiatan', 48, 60],
    ] },
  { key: 'kominfo-statistisi', nama: 'Statistisi Ahli Pertama', jenis: 'FUNGSIONAL', kelas: 8, unit: 'kominfo-ikp', atasan: 'kominfo-kabid-ikp',
    ikhtisar: 'Melaksanakan kegiatan statistik sektoral.',
    tugas: [
      ['Mengumpulkan data statistik sektoral', 'Data statistik', 'Dataset', 24, 480],
      ['Mengolah dan memvalidasi data statistik', 'Data tervalidasi', 'Dataset', 24, 360],
      ['Menyusun publikasi statistik sektoral', 'Publikasi statistik', 'Publikasi', 2, 4800],
      ['Memutakhirkan portal satu data', 'Dataset terbit', 'Dataset', 48, 60],
    ] },

  // ── BKPSDM ──
  { key: 'bkpsdm-kaban', nama: 'Kepala Badan Kepegawaian dan Pengembangan SDM', jenis: 'JPT', kelas: 14, unit: 'bkpsdm',
    ikhtisar: 'Memimpin penyelenggaraan manajemen ASN di lingkungan Pemerintah Kabupaten.', tugas: kepala('kepegawaian dan pengembangan SDM') },
  { key: 'bkpsdm-kabid-mutasi', nama: 'Kepala Bidang Mutasi dan Promosi', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'bkpsdm-mutasi', atasan: 'bkpsdm-kaban',
    ikhtisar: 'Memimpin pelayanan mutasi, promosi dan data kepegawaian.', tugas: kabid('mutasi dan promosi') },
  { key: 'bkpsdm-kasubbid-data', nama: 'Kepala Sub Bidang Data dan Informasi Kepegawaian', jenis: 'PENGAWAS', kelas: 9, unit: 'bkpsdm-mutasi-data', atasan: 'bkpsdm-kabid-mutasi',
    ikhtisar: 'Mengawasi pengelolaan data dan sistem informasi kepegawaian.', tugas: kasi('data dan informasi kepegawaian') },
  { key: 'bkpsdm-kasubbid-pangkat', nama: 'Kepala Sub Bidang Kepangkatan dan Mutasi', jenis: 'PENGAWAS', kelas: 9, unit: 'bkpsdm-mutasi-pangkat', atasan: 'bkpsdm-kabid-mutasi',
    ikhtisar: 'Mengawasi pelayanan kenaikan pangkat dan mutasi pegawai.', tugas: kasi('kepangkatan dan mutasi') },
  { key: 'bkpsdm-analis', nama: 'Analis Kepegawaian Ahli Pertama', jenis: 'FUNGSIONAL', kelas: 8, unit: 'bkpsdm-mutasi-pangkat', atasan: 'bkpsdm-kasubbid-pangkat',
    ikhtisar: 'Melaksanakan analisis dan pelayanan administrasi kepegawaian.',
    tugas: [
      ['Memverifikasi berkas usul kenaikan pangkat', 'Berkas terverifikasi', 'Berkas', 600, 30],
      ['Menyusun konsep keputusan mutasi pegawai', 'Konsep keputusan', 'Keputusan', 120, 60],
      ['Menganalisis kebutuhan formasi jabatan', 'Kajian formasi', 'Kajian', 4, 1440],
      ['Melayani konsultasi kepegawaian', 'Konsultasi terlayani', 'Orang', 480, 20],
    ] },
  { key: 'bkpsdm-pengelola-data', nama: 'Pengelola Data Kepegawaian', jenis: 'PELAKSANA', kelas: 6, unit: 'bkpsdm-mutasi-data', atasan: 'bkpsdm-kasubbid-data',
    ikhtisar: 'Mengelola pemutakhiran data kepegawaian.',
    tugas: [
      ['Memutakhirkan data pegawai pada SIASN', 'Data termutakhirkan', 'Data Pegawai', 1200, 10],
      ['Memindai dan mengarsipkan dokumen kepegawaian', 'Dokumen terpindai', 'Dokumen', 2400, 5],
      ['Menyusun rekapitulasi data pegawai bulanan', 'Rekapitulasi data', 'Rekap', 12, 240],
      ['Melayani permintaan data kepegawaian', 'Permintaan terlayani', 'Permintaan', 120, 30],
      ['Memverifikasi data presensi elektronik', 'Data presensi terverifikasi', 'Rekap', 12, 300],
    ] },
  { key: 'bkpsdm-pengadm', nama: 'Pengadministrasi Kepegawaian', jenis: 'PELAKSANA', kelas: 5, unit: 'bkpsdm-mutasi-pangkat', atasan: 'bkpsdm-kasubbid-pangkat',
    ikhtisar: 'Melaksanakan administrasi usul kepegawaian.',
    tugas: [
      ['Menerima dan mencatat berkas usul kepegawaian', 'Berkas tercatat', 'Berkas', 1200, 8],
      ['Menyiapkan petikan keputusan', 'Petikan keputusan', 'Petikan', 600, 10],
      ['Mendistribusikan keputusan kepegawaian', 'Keputusan terdistribusi', 'Keputusan', 600, 5],
      ['Menata arsip berkas kepegawaian', 'Arsip tertata', 'Berkas', 480, 15],
    ] },
  { key: 'bkpsdm-kabid-bangkom', nama: 'Kepala Bidang Pengembangan Kompetensi', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'bkpsdm-bangkom', atasan: 'bkpsdm-kaban',
    ikhtisar: 'Memimpin pengembangan kompetensi ASN.', tugas: kabid('pengembangan kompetensi') },
  { key: 'bkpsdm-kasubbid-diklat', nama: 'Kepala Sub Bidang Pendidikan dan Pelatihan', jenis: 'PENGAWAS', kelas: 9, unit: 'bkpsdm-bangkom-diklat', atasan: 'bkpsdm-kabid-bangkom',
    ikhtisar: 'Mengawasi penyelenggaraan pendidikan dan pelatihan ASN.', tugas: kasi('pendidikan dan pelatihan') },
  { key: 'bkpsdm-widyaiswara', nama: 'Pengelola Pengembangan Kompetensi', jenis: 'PELAKSANA', kelas: 7, unit: 'bkpsdm-bangkom-diklat', atasan: 'bkpsdm-kasubbid-diklat',
    ikhtisar: 'Mengelola administrasi pengembangan kompetensi.',
    tugas: [
      ['Menghimpun usulan kebutuhan pelatihan dari perangkat daerah', 'Rekap kebutuhan pelatihan', 'Rekap', 2, 1440],
      ['Menyiapkan administrasi penyelenggaraan pelatihan', 'Pelatihan terlaksana', 'Angkatan', 12, 960],
      ['Memfasilitasi izin dan tugas belajar', 'Surat izin belajar', 'Surat', 60, 45],
      ['Mencatat jam pelajaran pengembangan kompetensi pegawai', 'Data JP tercatat', 'Data Pegawai', 600, 10],
    ] },
  { key: 'bkpsdm-pengadm-umum', nama: 'Pengadministrasi Umum BKPSDM', jenis: 'PELAKSANA', kelas: 5, unit: 'bkpsdm-bangkom', atasan: 'bkpsdm-kabid-bangkom',
    ikhtisar: 'Melaksanakan administrasi umum bidang.',
    tugas: [
      ['Mengagendakan surat masuk dan surat keluar', 'Surat teragenda', 'Surat', 900, 5],
      ['Menyiapkan bahan rapat bidang', 'Bahan rapat', 'Berkas', 36, 60],
      ['Mengetik konsep naskah dinas', 'Naskah dinas', 'Naskah', 300, 20],
      ['Menata arsip bidang', 'Arsip tertata', 'Berkas', 240, 15],
    ] },

  // ── Dinas Kesehatan ──
  { key: 'dinkes-kadis', nama: 'Kepala Dinas Kesehatan', jenis: 'JPT', kelas: 14, unit: 'dinkes',
    ikhtisar: 'Memimpin penyelenggaraan urusan kesehatan.', tugas: kepala('kesehatan') },
  { key: 'dinkes-kabid-yankes', nama: 'Kepala Bidang Pelayanan Kesehatan', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'dinkes-yankes', atasan: 'dinkes-kadis',
    ikhtisar: 'Memimpin pelayanan kesehatan primer dan rujukan.', tugas: kabid('pelayanan kesehatan') },
  { key: 'dinkes-kasi-primer', nama: 'Kepala Seksi Pelayanan Kesehatan Primer', jenis: 'PENGAWAS', kelas: 9, unit: 'dinkes-yankes-primer', atasan: 'dinkes-kabid-yankes',
    ikhtisar: 'Mengawasi pelayanan kesehatan di puskesmas.', tugas: kasi('pelayanan kesehatan primer') },
  { key: 'dinkes-kasi-rujukan', nama: 'Kepala Seksi Pelayanan Kesehatan Rujukan', jenis: 'PENGAWAS', kelas: 9, unit: 'dinkes-yankes-rujukan', atasan: 'dinkes-kabid-yankes',
    ikhtisar: 'Mengawasi pelayanan kesehatan rujukan.', tugas: kasi('pelayanan kesehatan rujukan') },
  { key: 'dinkes-pengelola-program', nama: 'Pengelola Program Kesehatan', jenis: 'PELAKSANA', kelas: 7, unit: 'dinkes-yankes-primer', atasan: 'dinkes-kasi-primer',
    ikhtisar: 'Mengelola pelaksanaan program kesehatan masyarakat.',
    tugas: [
      ['Melakukan pembinaan teknis ke puskesmas', 'Laporan pembinaan puskesmas', 'Laporan', 48, 360],
      ['Merekap laporan bulanan puskesmas', 'Rekap laporan puskesmas', 'Rekap', 12, 480],
      ['Memverifikasi klaim layanan kesehatan', 'Klaim terverifikasi', 'Berkas', 600, 15],
      ['Menyusun profil kesehatan kabupaten', 'Profil kesehatan', 'Dokumen', 1, 4800],
    ] },
  { key: 'dinkes-epidemiolog', nama: 'Epidemiolog Kesehatan Ahli Pertama', jenis: 'FUNGSIONAL', kelas: 8, unit: 'dinkes-p2p-surv', atasan: 'dinkes-kasi-surv',
    ikhtisar: 'Melaksanakan surveilans dan penyelidikan epidemiologi.',
    tugas: [
      ['Melakukan penyelidikan epidemiologi kasus penyakit menular', 'Laporan penyelidikan', 'Laporan', 24, 480],
      ['Menganalisis data surveilans mingguan', 'Analisis surveilans', 'Laporan', 52, 180],
      ['Menyusun rekomendasi pengendalian KLB', 'Rekomendasi', 'Dokumen', 6, 720],
      ['Memantau cakupan imunisasi rutin', 'Laporan cakupan', 'Laporan', 12, 240],
    ] },
  { key: 'dinkes-kabid-p2p', nama: 'Kepala Bidang Pencegahan dan Pengendalian Penyakit', jenis: 'ADMINISTRATOR', kelas: 11, unit: 'dinkes-p2p', atasan: 'dinkes-kadis',
    ikhtisar: 'Memimpin pencegahan dan pengendalian penyakit.', tugas: kabid('pencegahan dan pengendalian penyakit') },
  { key: 'dinkes-kasi-surv', nama: 'Kepala Seksi Surveilans dan Imunisasi', jenis: 'PENGAWAS', kelas: 9, unit: 'dinkes-p2p-surv', atasan: 'dinkes-kabid-p2p',
    ikhtisar: 'Mengawasi surveilans penyakit dan program imunisasi.', tugas: kasi('surveilans dan imunisasi') },
  { key: 'dinkes-pengolah-data', nama: 'Pengolah Data Kesehatan', jenis: 'PELAKSANA', kelas: 6, unit: 'dinkes-p2p-surv', atasan: 'dinkes-kasi-surv',
    ikhtisar: 'Mengolah data kesehatan dan pelaporan.',
    tugas: [
      ['Mengentri data kasus penyakit ke aplikasi surveilans', 'Data terentri', 'Kasus', 1800, 5],
      ['Memvalidasi laporan mingguan wabah (W2)', 'Laporan tervalidasi', 'Laporan', 52, 60],
      ['Menyusun grafik tren penyakit', 'Grafik tren', 'Grafik', 52, 45],
      ['Mengarsipkan laporan puskesmas', 'Arsip tertata', 'Berkas', 240, 10],
    ] },
  { key: 'dinkes-pengadm', nama: 'Pengadministrasi Umum Dinas Kesehatan', jenis: 'PELAKSANA', kelas: 5, unit: 'dinkes-yankes', atasan: 'dinkes-kabid-yankes',
    ikhtisar: 'Melaksanakan administrasi umum bidang.',
    tugas: [
      ['Mengagendakan surat masuk dan surat keluar', 'Surat teragenda', 'Surat', 900, 5],
      ['Menyiapkan bahan rapat bidang', 'Bahan rapat', 'Berkas', 36, 60],
      ['Mengetik konsep naskah dinas', 'Naskah dinas', 'Naskah', 300, 20],
      ['Menata arsip bidang', 'Arsip tertata', 'Berkas', 240, 15],
    ] },
];

export const PEGAWAI: PegawaiSeed[] = [
  // Diskominfo
  { nip: '197004151996031002', nama: 'Ir. Hendra Gunawan, M.Si.', golongan: 'IV/c', jabatan: 'kominfo-kadis', peran: ['PEGAWAI', 'PIMPINAN'] },
  { nip: '197511202000121001', nama: 'Dedi Kurniawan, S.Kom., M.M.', golongan: 'IV/a', jabatan: 'kominfo-kabid-aptika', atasan: '197004151996031002' },
  { nip: DEMO_ACCOUNTS.atasan, nama: 'Budi Santoso, S.T., M.T.', golongan: 'III/d', jabatan: 'kominfo-kasi-apl', atasan: '197511202000121001' },
  { nip: '198307252009022002', nama: 'Sri Handayani, S.Kom.', golongan: 'III/c', jabatan: 'kominfo-kasi-egov', atasan: '197511202000121001' },
  { nip: DEMO_ACCOUNTS.pegawai, nama: 'Rina Wulandari, S.Kom.', golongan: 'III/a', jabatan: 'kominfo-psi', atasan: DEMO_ACCOUNTS.atasan },
  { nip: '199405182020121005', nama: 'Fajar Ramadhan, S.T.', golongan: 'III/a', jabatan: 'kominfo-pranata', atasan: DEMO_ACCOUNTS.atasan },
  { nip: '199601092022032004', nama: 'Dewi Lestari, A.Md.', golongan: 'II/c', jabatan: 'kominfo-psi', atasan: DEMO_ACCOUNTS.atasan },
  { nip: '198909142015031002', nama: 'Yusuf Maulana, S.Kom.', golongan: 'III/b', jabatan: 'kominfo-adm-egov', atasan: '198307252009022002' },
  { nip: '197809031998031003', nama: 'Drs. Bambang Priyono', golongan: 'IV/a', jabatan: 'kominfo-kabid-ikp', atasan: '197004151996031002' },
  { nip: '198212112008012006', nama: 'Nur Aini, S.Sos.', golongan: 'III/d', jabatan: 'kominfo-kasi-media', atasan: '197809031998031003' },
  { nip: '199110272017081001', nama: 'Rizki Pratama, S.I.Kom.', golongan: 'III/a', jabatan: 'kominfo-pranata-humas', atasan: '198212112008012006' },
  { nip: '198705302010012003', nama: 'Siti Rahmawati', golongan: 'II/d', jabatan: 'kominfo-pengadm', atasan: '198212112008012006' },
  // BKPSDM
  { nip: '196912121994031005', nama: 'Dr. H. Mulyadi, S.H., M.Si.', golongan: 'IV/d', jabatan: 'bkpsdm-kaban', peran: ['PEGAWAI', 'PIMPINAN'] },
  { nip: '197306061999032004', nama: 'Endang Susilowati, S.E., M.M.', golongan: 'IV/b', jabatan: 'bkpsdm-kabid-mutasi', atasan: '196912121994031005' },
  { nip: DEMO_ACCOUNTS.admin, nama: 'Drs. Agus Salim', golongan: 'III/d', jabatan: 'bkpsdm-kasubbid-data', atasan: '197306061999032004', peran: ['PEGAWAI', 'ADMIN'] },
  { nip: '198010102005022003', nama: 'Ratna Sari, S.Sos.', golongan: 'III/d', jabatan: 'bkpsdm-kasubbid-pangkat', atasan: '197306061999032004' },
  { nip: '199208082019031004', nama: 'Andi Saputra, S.H.', golongan: 'III/a', jabatan: 'bkpsdm-analis', atasan: '198010102005022003' },
  { nip: '198806162011011002', nama: 'Teguh Wibowo', golongan: 'II/d', jabatan: 'bkpsdm-pengelola-data', atasan: DEMO_ACCOUNTS.admin, peran: ['PEGAWAI', 'ADMIN'] },
  { nip: '199502022020122003', nama: 'Maya Anggraini, A.Md.', golongan: 'II/c', jabatan: 'bkpsdm-pengadm', atasan: '198010102005022003' },
  { nip: '197612242002121002', nama: 'Suharto, S.Pd., M.Pd.', golongan: 'IV/a', jabatan: 'bkpsdm-kabid-bangkom', atasan: '196912121994031005' },
  { nip: '198403042010012005', nama: 'Lina Marlina, S.Psi.', golongan: 'III/c', jabatan: 'bkpsdm-kasubbid-diklat', atasan: '197612242002121002' },
  { nip: '199007192015031001', nama: 'Eko Prasetyo, S.E.', golongan: 'III/b', jabatan: 'bkpsdm-widyaiswara', atasan: '198403042010012005' },
  { nip: '199309302019022001', nama: 'Putri Ayu Lestari', golongan: 'II/b', jabatan: 'bkpsdm-pengadm-umum', atasan: '197612242002121002' },
  // Dinas Kesehatan
  { nip: '197101011997031007', nama: 'dr. H. Ahmad Fauzi, M.Kes.', golongan: 'IV/c', jabatan: 'dinkes-kadis', peran: ['PEGAWAI', 'PIMPINAN'] },
  { nip: '197705052003122003', nama: 'dr. Wahyuni Kartika', golongan: 'IV/a', jabatan: 'dinkes-kabid-yankes', atasan: '197101011997031007' },
  { nip: '198108082008012004', nama: 'Ns. Yuliana, S.Kep.', golongan: 'III/d', jabatan: 'dinkes-kasi-primer', atasan: '197705052003122003' },
  { nip: '198502142010011003', nama: 'Irwan Setiawan, S.K.M.', golongan: 'III/c', jabatan: 'dinkes-kasi-rujukan', atasan: '197705052003122003' },
  { nip: '199111112017082002', nama: 'Anisa Fitriani, S.K.M.', golongan: 'III/a', jabatan: 'dinkes-pengelola-program', atasan: '198108082008012004' },
  { nip: '199604042022031003', nama: 'Rudi Hartono, A.Md.Kes.', golongan: 'II/c', jabatan: 'dinkes-pengadm', atasan: '197705052003122003' },
  { nip: '197903232005011002', nama: 'Slamet Riyadi, S.K.M., M.Epid.', golongan: 'IV/a', jabatan: 'dinkes-kabid-p2p', atasan: '197101011997031007' },
  { nip: '198606062011012004', nama: 'Fitri Handayani, S.K.M.', golongan: 'III/c', jabatan: 'dinkes-kasi-surv', atasan: '197903232005011002' },
  { nip: '199212122018031002', nama: 'Arief Budiman, S.K.M.', golongan: 'III/a', jabatan: 'dinkes-epidemiolog', atasan: '198606062011012004' },
  { nip: '199703172022032002', nama: 'Nabila Putri, A.Md.', golongan: 'II/c', jabatan: 'dinkes-pengolah-data', atasan: '198606062011012004' },
];
