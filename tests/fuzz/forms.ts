// The forms the fuzzer posts to. To cover a new form, add one entry: who posts it, where, and its fields (each an
// arbitrary of what the field may carry). Values mix the valid shape with the hostile ones (control characters, huge
// numbers, very long text, arrays where a string is expected), so both the schema and the code behind it are reached.
import fc from 'fast-check';
import { periodeTerakhir } from '../../src/domain/skp.ts';
import { DEMO_ACCOUNTS } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';

type Field = fc.Arbitrary<string | string[] | undefined>;
export type FuzzForm = {
  name: string;
  as: keyof typeof DEMO_ACCOUNTS | null; // null: anonymous
  method?: 'post' | 'get';
  path: (ids: FuzzIds) => string;
  multipart?: boolean;
  fields: (ids: FuzzIds) => Record<string, Field>;
};
export type FuzzIds = {
  targetBulanan: number;
  targetTahunan: number;
  uraianTugas: number;
  realisasi: number;
  realisasiVersi: string;
  unit: number;
  jabatan: number;
  pegawai: number; // the demo pegawai (rated by the demo atasan)
  // records of the fuzz's own, which its forms may end, close, deactivate or delete
  penugasan: number; // an active Plh
  bukaBulan: number; // a reopened month
  ketidakhadiran: number;
  unitLain: number; // a unit with no jabatan or pegawai
  pegawaiLain: number; // a pegawai nobody signs in as
  uraianTugasLain: number; // a task of the `jabatan` no target uses
  targetDraf: number; // a draft target of the demo pegawai, with no realisasi
  umpanBalik: number; // a feedback of the demo atasan to the demo pegawai
  // SKP (issue 19): the demo pegawai's SKP of the year, one of its RHK, an RHK of their atasan, a goal of their OPD
  skp: number;
  rhk: number;
  rhkAtasan: number;
  tujuan: number;
};

const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    '99999999999',
    '9'.repeat(40),
    '2147483648',
    '\u0000',
    '\r\n',
    '\u001b[0m',
    "' OR 1=1 --",
    '<script>x</script>',
    '../../etc/passwd',
    '%00',
    '１２３',
    '\ud800',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer({ min: 100, max: 6000 }).map((n) => 'x'.repeat(n)),
);
/** A field: usually its valid shape, often hostile, sometimes missing or repeated. */
const field = (valid: fc.Arbitrary<string>): Field =>
  fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(fc.oneof(valid, hostile), { minLength: 2, maxLength: 3 }) },
  );
const teks = (max: number) => field(fc.string({ minLength: 1, maxLength: max }));
const angka = field(fc.oneof(fc.integer({ min: 0, max: 1000 }).map(String), fc.constantFrom('1,5', '12.50', '1.234,5')));
const tanggal = field(
  fc
    .date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const id = (n: number) => field(fc.constantFrom(String(n), String(n + 1), '1'));
const uuid = field(fc.uuid().map(String));
const nip = field(fc.constantFrom(DEMO_ACCOUNTS.pegawai, '199001012015011001', '19900101201501100X'));

export const FORMS: FuzzForm[] = [
  { name: 'login', as: null, path: () => '/login', fields: () => ({ nip, password: teks(60) }) },
  {
    name: 'input realisasi',
    as: 'pegawai',
    multipart: true,
    path: (i) => `/realisasi/input/${i.targetBulanan}`,
    fields: () => ({ idempotencyKey: uuid, tanggal, jumlah: angka, uraian: teks(300), menit: angka }),
  },
  {
    name: 'tambah realisasi',
    as: 'pegawai',
    multipart: true,
    path: () => '/realisasi/tambah',
    fields: (i) => ({
      sumber: field(fc.constantFrom('tambahan', `target:${i.targetTahunan}`, 'target:99999999999', 'target:')),
      pekerjaan: teks(600),
      satuan: teks(70),
      idempotencyKey: uuid,
      tanggal,
      jumlah: angka,
      uraian: teks(300),
      menit: angka,
    }),
  },
  {
    name: 'ubah realisasi',
    as: 'pegawai',
    multipart: true,
    path: (i) => `/realisasi/${i.realisasi}/ubah`,
    fields: () => ({ tanggal, jumlah: angka, uraian: teks(300), menit: angka, hapusBukti: field(fc.constant('1')) }),
  },
  {
    name: 'target baru',
    as: 'pegawai',
    path: () => '/realisasi-tahunan/target-baru',
    fields: (i) => ({
      uraianTugasId: id(i.uraianTugas),
      pekerjaan: teks(600),
      kuantitas: angka,
      satuan: teks(70),
      idempotencyKey: uuid,
      b1: angka,
      b7: angka,
      b12: angka,
    }),
  },
  {
    name: 'ubah target',
    as: 'pegawai',
    path: (i) => `/realisasi-tahunan/target/${i.targetTahunan}/ubah`,
    fields: () => ({ pekerjaan: teks(600), kuantitas: angka, satuan: teks(70), b1: angka, b6: angka, b11: angka, b12: angka }),
  },
  {
    name: 'salin target tahun lalu',
    as: 'pegawai',
    path: () => '/realisasi-tahunan/salin',
    fields: () => ({ tahun: field(fc.constantFrom('2026', '2027', '1999', '2101')) }),
  },
  {
    name: 'ajukan target',
    as: 'pegawai',
    path: (i) => `/realisasi-tahunan/target/${i.targetTahunan}/ajukan`,
    fields: () => ({}),
  },
  {
    name: 'setujui target',
    as: 'atasan',
    path: (i) => `/persetujuan-target/${i.targetTahunan}/setujui`,
    fields: () => ({ versi: field(fc.constantFrom('2026-11-18T03:00:00.000Z', '2026-02-30T25:61:00.000Z')) }),
  },
  {
    name: 'kembalikan target',
    as: 'atasan',
    path: (i) => `/persetujuan-target/${i.targetTahunan}/kembalikan`,
    fields: () => ({ versi: field(fc.constantFrom('2026-11-18T03:00:00.000Z', 'x')), catatan: teks(600) }),
  },
  {
    name: 'verifikasi',
    as: 'atasan',
    path: () => '/verifikasi',
    fields: (i) => ({
      satu: field(
        fc.constantFrom(`${i.realisasi}|${i.realisasiVersi}`, `${i.realisasi}|2026-13-45T99:99:99.999Z`, `99999999999|${i.realisasiVersi}`),
      ),
      pilih: field(fc.constantFrom(`${i.realisasi}|${i.realisasiVersi}`, '1|x')),
      kembali: field(fc.constantFrom('/verifikasi?status=0', 'javascript:alert(1)', '//evil.example')),
    }),
  },
  {
    name: 'kembalikan',
    as: 'atasan',
    path: (i) => `/verifikasi/${i.realisasi}/kembalikan`,
    fields: (i) => ({
      versi: field(fc.constantFrom(i.realisasiVersi, '2026-02-30T25:61:00.000Z')),
      catatan: teks(1100),
      kembali: field(fc.constantFrom('/verifikasi', 'https://evil.example/')),
    }),
  },
  {
    name: 'unit kerja',
    as: 'admin',
    path: () => '/admin/unit-kerja',
    fields: (i) => ({ nama: teks(220), singkatan: teks(50), indukId: id(i.unit) }),
  },
  {
    name: 'jabatan',
    as: 'admin',
    path: () => '/admin/jabatan',
    fields: (i) => ({
      nama: teks(220),
      jenis: field(fc.constantFrom('FUNGSIONAL', 'PELAKSANA', 'JPT', 'DIREKTUR')),
      kelas: angka,
      unitId: id(i.unit),
      atasanJabatanId: id(i.jabatan),
    }),
  },
  {
    name: 'pegawai',
    as: 'admin',
    path: () => '/admin/pegawai',
    fields: (i) => ({
      nip,
      nama: teks(160),
      golongan: field(fc.constantFrom('III/a', 'IV/e', 'V/a', '')),
      unitId: id(i.unit),
      jabatanId: id(i.jabatan),
      nipAtasan: nip,
      peran: field(fc.constantFrom('PIMPINAN', 'ADMIN', 'BENDAHARA', 'RAJA')),
      gaji: angka,
      statusPtkp: field(fc.constantFrom('TK/0', 'K/3', 'K/9', '')),
    }),
  },
  {
    name: 'anjab',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}`,
    fields: () => ({
      nama: teks(220),
      kode: teks(50),
      jenis: field(fc.constantFrom('FUNGSIONAL', 'PELAKSANA', 'X')),
      kelas: angka,
      ikhtisar: teks(600),
      tanggungJawab: teks(600),
    }),
  },
  {
    name: 'uraian tugas',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}/tugas`,
    fields: () => ({
      uraian: teks(520),
      hasilKerja: teks(220),
      satuanHasil: teks(70),
      volumePerTahun: angka,
      normaWaktu: angka,
      urutan: angka,
    }),
  },
  {
    name: 'pengaturan',
    as: 'admin',
    path: () => '/admin/pengaturan',
    fields: () => ({
      namaPemda: teks(160),
      zonaWaktu: field(fc.constantFrom('Asia/Jakarta', 'Europe/Paris', '')),
      batasInputHari: angka,
      wkeMenitPerTahun: angka,
      'pjBatas.a': angka,
      'pjBatas.b': angka,
      'jamKerja.senin.masuk': field(fc.constantFrom('07:30', '25:00')),
      'jamKerja.senin.pulang': field(fc.constantFrom('16:00', '06:00')),
      tppDasarCapaian: field(fc.constantFrom('target', 'waktu', 'lain')),
      tppPenetapanHari: angka,
      tppMutasi: field(fc.constantFrom('prorata', 'tanggal1', 'lain')),
      tppPltSetaraPersen: angka,
    }),
  },
  {
    name: 'evaluasi kinerja bulan lalu',
    as: 'atasan',
    path: (i) => `/evaluasi/pegawai/${i.pegawai}?tahun=${periodeTerakhir(TEST_TODAY).tahun}&bulan=${periodeTerakhir(TEST_TODAY).bulan}`,
    fields: () => ({
      hasilKerja: field(fc.constantFrom('DI_ATAS', 'SESUAI', 'DI_BAWAH', 'ISTIMEWA', '')),
      perilakuKerja: field(fc.constantFrom('DI_ATAS', 'SESUAI', 'DI_BAWAH', '')),
      catatan: teks(2100),
      versi: angka,
      hasilDariOrganisasi: field(fc.constantFrom('1', '0')),
      konfirmasiKurva: field(fc.constantFrom('ya', 'tidak')),
    }),
  },
  {
    name: 'evaluasi kinerja tahunan',
    as: 'atasan',
    path: (i) => `/evaluasi/pegawai/${i.pegawai}?tahun=${periodeTerakhir(TEST_TODAY).tahun}&bulan=`,
    fields: () => ({
      hasilKerja: field(fc.constantFrom('DI_ATAS', 'X')),
      perilakuKerja: field(fc.constantFrom('SESUAI', 'X')),
      versi: angka,
    }),
  },
  {
    name: 'kinerja organisasi',
    as: 'admin',
    path: () => `/admin/kinerja-organisasi?tahun=${periodeTerakhir(TEST_TODAY).tahun}&bulan=${periodeTerakhir(TEST_TODAY).bulan}`,
    fields: (i) => ({ unitId: id(i.unit), capaian: angka, sumber: teks(600) }),
  },
  {
    name: 'evaluasi (GET)',
    as: 'atasan',
    method: 'get',
    path: () => '/evaluasi',
    fields: () => ({ tahun: field(fc.constantFrom('2026', '1999', '99999')), bulan: field(fc.constantFrom('10', '', '13', '0')) }),
  },
  {
    name: 'kurva distribusi (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/evaluasi/kurva',
    fields: (i) => ({ tahun: field(fc.constantFrom('2026', 'x')), bulan: field(fc.constantFrom('10', '')), unit: id(i.unit) }),
  },
  {
    name: 'cari pegawai (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/admin/pegawai',
    fields: (i) => ({ q: teks(120), unit: id(i.unit), hal: angka }),
  },
  {
    name: 'antrian verifikasi (GET)',
    as: 'atasan',
    method: 'get',
    path: () => '/verifikasi',
    fields: () => ({ pegawai: angka, halaman: angka, bulan: teks(10), status: teks(5), atasan: angka }),
  },
  {
    name: 'log audit (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/admin/audit',
    fields: () => ({ nip, aksi: teks(70), objek: teks(50), idObjek: teks(50), dari: tanggal, sampai: tanggal, hal: angka }),
  },
  {
    name: 'hari libur',
    as: 'admin',
    path: () => '/admin/hari-libur',
    fields: () => ({ tanggal, nama: teks(160), jenis: field(fc.constantFrom('LIBUR_NASIONAL', 'CUTI_BERSAMA', 'LAIN')) }),
  },
  {
    name: 'ketidakhadiran',
    as: 'admin',
    path: () => '/admin/ketidakhadiran',
    multipart: true,
    fields: () => ({ nip, jenis: field(fc.constantFrom('IZIN', 'SAKIT', 'LAIN')), mulai: tanggal, selesai: tanggal, catatan: teks(600) }),
  },
  {
    name: 'pagu TPP',
    as: 'admin',
    path: () => '/admin/tpp/pagu?tahun=2026',
    fields: () => ({ kelas1: angka, kelas9: angka, kelas17: angka }),
  },
  {
    name: 'tetapkan TPP',
    as: 'admin',
    path: () => '/admin/tpp/tetapkan',
    fields: () => ({ bulan: teks(10) }),
  },
  {
    name: 'batalkan penetapan TPP',
    as: 'admin',
    path: () => '/admin/tpp/batal',
    fields: () => ({ bulan: teks(10), alasan: teks(600) }),
  },
  // Issue 22: the TPP rule set form, the daftar pembayaran, the gaji import.
  {
    name: 'aturan TPP',
    as: 'admin',
    path: () => '/admin/aturan-tpp?tahun=2026',
    fields: () => ({
      nama: teks(160),
      dasarHukum: teks(210),
      dariVersi: angka,
      'komponen.kinerja': angka,
      'komponen.skp': angka,
      'komponen.kehadiran': angka,
      'nilaiSkp.BAIK': angka,
      'nilaiSkp.BELUM': angka,
      'potongan.0.pemicu': field(fc.constantFrom('TL1', 'TK', 'IZIN', 'APEL', '')),
      'potongan.0.persen': angka,
      'potongan.0.dari': field(fc.constantFrom('kehadiran', 'total', 'gaji')),
      'potongan.0.batas': angka,
      'potongan.1.pemicu': field(fc.constantFrom('TL1', 'PSW4', '')),
      'potongan.1.persen': angka,
      'tambahan.0.nama': teks(70),
      'tambahan.0.bulan': angka,
      'tambahan.0.persen': angka,
      'tambahan.0.dasar': field(fc.constantFrom('tpp', 'pagu', 'gaji')),
      'hukdis.berlaku': field(fc.constantFrom('tanggal1', 'sebagian', 'lain')),
      'penundaan.akibat': field(fc.constantFrom('ditunda', 'tidak-dibayar', 'lain')),
      'pembulatan.ke': field(fc.constantFrom('1', '100', '1000', '7')),
      'pembulatan.cara': field(fc.constantFrom('setengah-ke-atas', 'ke-bawah', 'acak')),
      'bpjs.pegawai': angka,
      'bpjs.pemda': angka,
      'bpjs.batas': angka,
      'pph21.metode': field(fc.constantFrom('ter', 'ditanggung', 'tidak', 'lain')),
      'pph21.ter.A': field(fc.constantFrom('5400000;0\n-;34', '-;34', 'x;y', '5400000;0\n5000000;1\n-;34', '')),
    }),
  },
  {
    name: 'aturan TPP (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/admin/aturan-tpp',
    fields: () => ({ tahun: angka, contoh: field(fc.constantFrom('70-30', 'bawaan', 'x')), dari: angka }),
  },
  {
    name: 'daftar pembayaran (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/pembayaran',
    fields: (i) => ({ bulan: field(fc.constantFrom('2026-10', '2026-13', '1999-01', 'x')), unit: id(i.unit) }),
  },
  {
    name: 'impor gaji (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/tpp/gaji/impor',
    multipart: true,
    fields: () => ({ tahun: angka }),
  },
  {
    name: 'dashboard (GET)',
    as: 'pimpinan',
    method: 'get',
    path: () => '/dashboard',
    fields: (i) => ({ bulan: teks(10), unit: id(i.unit) }),
  },
  {
    name: 'presensi (GET)',
    as: 'pegawai',
    method: 'get',
    path: () => '/presensi',
    fields: () => ({ bulan: teks(10) }),
  },
  // Issue 19: umpan balik and the SIASN export
  {
    name: 'tulis umpan balik',
    as: 'atasan',
    path: (i) => `/skp/umpan-balik/pegawai/${i.pegawai}`,
    fields: (i) => ({
      sasaran: field(fc.constantFrom('skp', 'perilaku:LOYAL', `rhk:${i.rhk}`, 'rhk:1', 'rhk:99999999999', 'perilaku:JUJUR')),
      isi: teks(2100),
      idempotencyKey: uuid,
    }),
  },
  {
    name: 'jawab umpan balik',
    as: 'pegawai',
    path: (i) => `/skp/umpan-balik/${i.umpanBalik}/jawab`,
    fields: () => ({ isi: teks(2100), idempotencyKey: uuid }),
  },
  {
    name: 'umpan balik (GET)',
    as: 'pimpinan',
    method: 'get',
    path: (i) => `/skp/umpan-balik/pegawai/${i.pegawai}`,
    fields: () => ({ tahun: teks(10) }),
  },
  {
    name: 'kirim ke SIASN',
    as: 'admin',
    path: () => '/admin/siasn/kirim',
    fields: () => ({
      tahun: angka,
      bulan: field(fc.constantFrom('1', '12', 'tahunan', '13', '0')),
      idempotencyKey: uuid,
      paksa: field(fc.constantFrom('1', 'ya')),
    }),
  },
  {
    name: 'ekspor SIASN (GET)',
    as: 'admin',
    method: 'get',
    path: () => '/admin/siasn/kinerja.csv',
    fields: () => ({ tahun: angka, bulan: field(fc.constantFrom('3', 'tahunan', '13')), halaman: angka }),
  },
  // The forms of issues 10–11 and the edit forms. Kept last: some change the records the forms above use (a mutasi
  // moves the demo pegawai, a delete removes the entry).
  {
    name: 'ubah unit kerja',
    as: 'admin',
    path: (i) => `/admin/unit-kerja/${i.unit}`,
    fields: (i) => ({ nama: teks(220), singkatan: teks(50), indukId: id(i.unit) }),
  },
  {
    name: 'ubah jabatan',
    as: 'admin',
    path: (i) => `/admin/jabatan/${i.jabatan}`,
    fields: (i) => ({
      nama: teks(220),
      jenis: field(fc.constantFrom('FUNGSIONAL', 'PELAKSANA', 'JPT', 'DIREKTUR')),
      kelas: angka,
      unitId: id(i.unit),
      atasanJabatanId: id(i.jabatan),
    }),
  },
  {
    name: 'ubah pegawai',
    as: 'admin',
    path: (i) => `/admin/pegawai/${i.pegawai}`,
    fields: (i) => ({
      nip,
      nama: teks(160),
      golongan: field(fc.constantFrom('III/a', 'IV/e', 'V/a', '')),
      unitId: id(i.unit),
      jabatanId: id(i.jabatan),
      nipAtasan: nip,
      peran: field(fc.constantFrom('PIMPINAN', 'ADMIN', 'BENDAHARA', 'RAJA')),
      gaji: angka,
      statusPtkp: field(fc.constantFrom('TK/0', 'K/3', 'K/9', '')),
    }),
  },
  {
    name: 'mutasi (riwayat jabatan)',
    as: 'admin',
    path: (i) => `/admin/pegawai/${i.pegawai}/mutasi`,
    fields: (i) => ({
      tmt: tanggal,
      unitId: id(i.unit),
      jabatanId: id(i.jabatan),
      nipAtasan: nip,
      alasan: teks(600),
      versi: field(fc.constantFrom('2026-11-18T03:00:00.000Z', 'kemarin', '2026-13-45T99:99:99Z')),
    }),
  },
  {
    name: 'Plt/Plh',
    as: 'admin',
    path: () => '/admin/plt-plh',
    fields: (i) => ({
      jenis: field(fc.constantFrom('PLT', 'PLH', 'RAJA')),
      nipPelaksana: nip,
      nipPegawai: nip,
      jabatanId: id(i.jabatan),
      mulai: tanggal,
      selesai: tanggal,
      alasan: teks(600),
    }),
  },
  {
    name: 'buka bulan (tutup bulan)',
    as: 'admin',
    path: () => '/admin/tutup-bulan',
    fields: (i) => ({ unitId: id(i.unit), bulan: field(fc.constantFrom('2026-10', '2026-13', '1999-01')), alasan: teks(600) }),
  },
  {
    name: 'hapus hari libur',
    as: 'admin',
    path: () => '/admin/hari-libur/hapus',
    fields: () => ({ tanggal }),
  },
  {
    name: 'impor presensi (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/presensi',
    multipart: true,
    fields: () => ({ tahun: angka }),
  },
  {
    name: 'impor pagu TPP (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/tpp/pagu/impor',
    multipart: true,
    fields: () => ({ tahun: angka }),
  },
  {
    name: 'impor pegawai (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/impor/pegawai',
    multipart: true,
    fields: () => ({ mode: teks(20) }),
  },
  {
    name: 'batalkan verifikasi',
    as: 'admin',
    path: (i) => `/verifikasi/${i.realisasi}/batal`,
    fields: (i) => ({ alasan: teks(1100), versi: field(fc.constantFrom(i.realisasiVersi, 'x', '2026-02-30T00:00:00Z')) }),
  },
  {
    name: 'ubah password',
    as: 'pegawai',
    path: () => '/akun/password',
    fields: () => ({ passwordLama: teks(220), passwordBaru: teks(220), konfirmasi: teks(220) }),
  },
  {
    name: 'hapus realisasi',
    as: 'pegawai',
    path: (i) => `/realisasi/${i.realisasi}/hapus`,
    fields: (i) => ({ versi: field(fc.constantFrom(i.realisasiVersi, 'x')) }),
  }, // Buttons that end, close, (de)activate or delete one record. Their handlers read the id only; the body still
  // carries hostile values (and a stray `kembali`), since a handler may one day read it.
  {
    name: 'akhiri Plt/Plh',
    as: 'admin',
    path: (i) => `/admin/plt-plh/${i.penugasan}/akhiri`,
    fields: () => ({ alasan: teks(600), kembali: field(fc.constantFrom('/admin/plt-plh', '//evil.example')) }),
  },
  {
    name: 'tutup kembali bulan',
    as: 'admin',
    path: (i) => `/admin/tutup-bulan/${i.bukaBulan}/tutup`,
    fields: (i) => ({ unitId: id(i.unit), bulan: field(fc.constantFrom('2020-01', '2026-13')), alasan: teks(600) }),
  },
  {
    name: 'hapus ketidakhadiran',
    as: 'admin',
    path: (i) => `/admin/ketidakhadiran/${i.ketidakhadiran}/hapus`,
    fields: () => ({ nip, mulai: tanggal, catatan: teks(600) }),
  },
  {
    name: 'logo (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/pengaturan/logo',
    multipart: true,
    // text where the file goes, the "kembalikan" flag, and a field the form does not have
    fields: () => ({ logo: teks(300), hapus: field(fc.constantFrom('1', '0', 'true')), nama: teks(100) }),
  },
  {
    name: 'kembalikan logo bawaan',
    as: 'admin',
    path: () => '/admin/pengaturan/logo',
    fields: () => ({ hapus: field(fc.constantFrom('1', '0')), logo: teks(300) }),
  },
  {
    name: 'impor anjab (tanpa berkas)',
    as: 'admin',
    path: () => '/admin/impor/anjab',
    multipart: true,
    fields: () => ({ berkas: teks(600), mode: teks(20) }),
  },
  {
    name: 'nonaktifkan unit kerja',
    as: 'admin',
    path: (i) => `/admin/unit-kerja/${i.unitLain}/nonaktifkan`,
    fields: (i) => ({ indukId: id(i.unit), alasan: teks(600) }),
  },
  {
    name: 'aktifkan unit kerja',
    as: 'admin',
    path: (i) => `/admin/unit-kerja/${i.unitLain}/aktifkan`,
    fields: (i) => ({ indukId: id(i.unit), alasan: teks(600) }),
  },
  {
    name: 'nonaktifkan pegawai',
    as: 'admin',
    path: (i) => `/admin/pegawai/${i.pegawaiLain}/nonaktifkan`,
    fields: () => ({ nip, alasan: teks(600) }),
  },
  {
    name: 'aktifkan pegawai',
    as: 'admin',
    path: (i) => `/admin/pegawai/${i.pegawaiLain}/aktifkan`,
    fields: () => ({ nip, alasan: teks(600) }),
  },
  {
    name: 'reset password pegawai',
    as: 'admin',
    path: (i) => `/admin/pegawai/${i.pegawaiLain}/reset-password`,
    fields: () => ({ nip, passwordBaru: teks(220) }),
  },
  {
    name: 'ubah uraian tugas',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}/tugas/${i.uraianTugasLain}`,
    fields: () => ({
      uraian: teks(520),
      hasilKerja: teks(220),
      satuanHasil: teks(70),
      volumePerTahun: angka,
      normaWaktu: angka,
      urutan: angka,
    }),
  },
  {
    name: 'nonaktifkan uraian tugas',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}/tugas/${i.uraianTugasLain}/nonaktifkan`,
    fields: () => ({ uraian: teks(520) }),
  },
  {
    name: 'aktifkan uraian tugas',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}/tugas/${i.uraianTugasLain}/aktifkan`,
    fields: () => ({ uraian: teks(520) }),
  },
  {
    name: 'hapus uraian tugas',
    as: 'admin',
    path: (i) => `/anjab/${i.jabatan}/tugas/${i.uraianTugasLain}/hapus`,
    fields: () => ({ uraian: teks(520) }),
  },
  {
    name: 'hapus target',
    as: 'pegawai',
    path: (i) => `/realisasi-tahunan/target/${i.targetDraf}/hapus`,
    fields: (i) => ({ versi: field(fc.constantFrom('2026-11-18T03:00:00.000Z', 'x')), tahun: angka, uraianTugasId: id(i.uraianTugas) }),
  },
  // SKP (issue 19)
  {
    name: 'skp: buat',
    as: 'pegawai',
    path: () => '/skp/buat',
    fields: () => ({ tahun: field(fc.constantFrom('2026', '2027', '1999', '2101')), idempotencyKey: uuid }),
  },
  {
    name: 'skp: tambah RHK',
    as: 'pegawai',
    path: (i) => `/skp/${i.skp}/rhk/baru`,
    fields: (i) => ({
      idempotencyKey: uuid,
      jenis: field(fc.constantFrom('UTAMA', 'TAMBAHAN', 'LAIN')),
      uraian: teks(1100),
      intervensi: field(fc.constantFrom(`rhk:${i.rhkAtasan}`, `tujuan:${i.tujuan}`, `rhk:${i.rhk}`, 'rhk:99999999999', 'x:1', '')),
      iki_KUANTITAS: teks(1100),
      angka_KUANTITAS: angka,
      satuan_KUANTITAS: teks(70),
      iki_WAKTU: teks(50),
      teks_WAKTU: teks(600),
    }),
  },
  {
    name: 'skp: ubah RHK',
    as: 'pegawai',
    path: (i) => `/skp/${i.skp}/rhk/${i.rhk}/ubah`,
    fields: (i) => ({
      jenis: field(fc.constantFrom('UTAMA', 'TAMBAHAN')),
      uraian: teks(1100),
      intervensi: field(fc.constantFrom(`rhk:${i.rhkAtasan}`, `rhk:${i.rhk}`, '')),
      iki_KUALITAS: teks(1100),
      angka_KUALITAS: angka,
      satuan_KUALITAS: teks(70),
    }),
  },
  {
    name: 'skp: lampiran',
    as: 'pegawai',
    path: (i) => `/skp/${i.skp}/lampiran`,
    fields: () => ({ dukunganSumberDaya: teks(4100), skemaPertanggungjawaban: teks(300), konsekuensi: teks(300) }),
  },
  { name: 'skp: ajukan', as: 'pegawai', path: (i) => `/skp/${i.skp}/ajukan`, fields: () => ({}) },
  {
    name: 'skp: ekspektasi khusus',
    as: 'atasan',
    path: (i) => `/skp/${i.skp}/ekspektasi`,
    fields: () => ({ LOYAL: teks(2100), ADAPTIF: teks(300), KOMPETEN: teks(50) }),
  },
  {
    name: 'skp: kembalikan',
    as: 'atasan',
    path: (i) => `/skp/${i.skp}/kembalikan`,
    fields: () => ({ versi: angka, catatan: teks(1100) }),
  },
  { name: 'skp: setujui', as: 'atasan', path: (i) => `/skp/${i.skp}/setujui`, fields: () => ({ versi: angka, dari: teks(20) }) },
  {
    name: 'target: RHK yang didukung',
    as: 'pegawai',
    path: (i) => `/realisasi-tahunan/target/${i.targetTahunan}/rhk`,
    fields: (i) => ({ rhkId: id(i.rhk) }),
  },
  {
    name: 'tujuan OPD baru',
    as: 'admin',
    path: () => '/skp/tujuan-opd/baru',
    fields: (i) => ({
      idempotencyKey: uuid,
      unitId: id(i.unit),
      tahun: field(fc.constantFrom('2026', '2027', '1999')),
      kode: teks(50),
      uraian: teks(1100),
      indikator: teks(1100),
      target: teks(210),
    }),
  },
  {
    name: 'tujuan OPD ubah',
    as: 'pimpinan',
    path: (i) => `/skp/tujuan-opd/${i.tujuan}/ubah`,
    fields: () => ({ kode: teks(50), uraian: teks(1100), indikator: teks(300), target: teks(210) }),
  },
  {
    name: 'matriks peran hasil (GET)',
    as: 'pimpinan',
    method: 'get',
    path: () => '/skp/matriks',
    fields: (i) => ({ unit: id(i.unit), tahun: angka }),
  },
  // Last of all: it ends the pimpinan's session (later answers are 403, the token died with it).
  {
    name: 'logout',
    as: 'pimpinan',
    path: () => '/logout',
    fields: () => ({ kembali: field(fc.constantFrom('/dashboard', 'https://evil.example/')) }),
  },
];
