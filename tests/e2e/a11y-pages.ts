// Every page the axe-core test visits, per role. Extend this list when a page is added (issue 14: "a test fails on any
// new violation"): `path` is opened as is; `follow` then opens, one after the other, the first link matching each CSS selector
// (for pages behind an id); `submitEmpty` submits the page's main form with its fields cleared, to check the 422 state.
export type A11yRole = 'anonim' | 'pegawai' | 'atasan' | 'admin';
export type A11yPage = { name: string; path: string; follow?: string[]; submitEmpty?: boolean };

export const A11Y_PAGES: Record<A11yRole, A11yPage[]> = {
  anonim: [
    { name: 'Login', path: '/login' },
    { name: 'Login gagal', path: '/login', submitEmpty: true },
    { name: 'ABK', path: '/abk' },
    { name: 'ABK unit', path: '/abk', follow: ['main a[href^="/abk/unit/"]'] },
    { name: 'ABK jabatan', path: '/abk', follow: ['main a[href^="/abk/unit/"]', 'main a[href^="/abk/jabatan/"]'] },
  ],
  pegawai: [
    { name: 'Beranda', path: '/' },
    { name: 'Realisasi Kinerja', path: '/realisasi' },
    { name: 'Input Realisasi', path: '/realisasi', follow: ['main a[href^="/realisasi/input/"]'] },
    { name: 'Input Realisasi 422', path: '/realisasi', follow: ['main a[href^="/realisasi/input/"]'], submitEmpty: true },
    { name: 'Tambah Realisasi', path: '/realisasi/tambah' },
    { name: 'Tambah Realisasi 422', path: '/realisasi/tambah', submitEmpty: true },
    { name: 'Ubah Realisasi', path: '/realisasi', follow: ['main a[href$="/ubah"]'] },
    { name: 'Realisasi Tahunan', path: '/realisasi-tahunan' },
    { name: 'Tambah Target Baru', path: '/realisasi-tahunan/target-baru' },
    { name: 'Anjab', path: '/anjab' },
    { name: 'Anjab jabatan', path: '/anjab', follow: ['main a[href^="/anjab/"]'] },
    { name: 'ABK', path: '/abk' },
    { name: 'Laporan', path: '/laporan' },
    { name: 'Ubah Password', path: '/akun/password' },
  ],
  atasan: [
    { name: 'Verifikasi', path: '/verifikasi' },
    { name: 'Kembalikan', path: '/verifikasi', follow: ['main a[href*="/kembalikan"]'] },
  ],
  admin: [
    { name: 'Admin', path: '/admin' },
    { name: 'Unit kerja', path: '/admin/unit-kerja' },
    { name: 'Unit kerja baru', path: '/admin/unit-kerja/baru' },
    { name: 'Unit kerja ubah', path: '/admin/unit-kerja', follow: ['main a[href$="/ubah"]'] },
    { name: 'Jabatan', path: '/admin/jabatan' },
    { name: 'Jabatan baru', path: '/admin/jabatan/baru' },
    { name: 'Jabatan ubah', path: '/admin/jabatan', follow: ['main a[href$="/ubah"]'] },
    { name: 'Pegawai', path: '/admin/pegawai' },
    { name: 'Pegawai baru', path: '/admin/pegawai/baru' },
    { name: 'Pegawai baru 422', path: '/admin/pegawai/baru', submitEmpty: true },
    { name: 'Pegawai ubah', path: '/admin/pegawai', follow: ['main a[href$="/ubah"]'] },
    { name: 'Impor', path: '/admin/impor' },
    { name: 'Pengaturan', path: '/admin/pengaturan' },
    { name: 'Logo', path: '/admin/pengaturan/logo' },
    { name: 'Audit', path: '/admin/audit' },
    { name: 'Anjab ubah', path: '/anjab', follow: ['main a[href^="/anjab/"]', 'main a[href$="/ubah"]'] },
  ],
};
