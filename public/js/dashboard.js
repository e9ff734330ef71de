// Trend charts of the Dashboard Pimpinan (Chart.js, served locally). Data comes from the page, not another request.
(() => {
  const el = document.getElementById('data-tren');
  if (!el || !window.Chart) return;
  const tren = JSON.parse(el.dataset.tren);
  const nama = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  // the trend runs to the month in progress: it is labelled so and drawn dashed (its figures are not complete yet)
  const labels = tren.map((t) => (t.berjalan ? `${nama[t.bulan - 1]} (berjalan)` : nama[t.bulan - 1]));
  const berjalan = tren.findIndex((t) => t.berjalan);
  const putus = { segment: { borderDash: (ctx) => (ctx.p1DataIndex === berjalan ? [6, 4] : undefined) } };
  const persen = (v) => (v === null ? null : Math.round(v * 1000) / 10);
  const opsi = { responsive: true, animation: false, scales: { y: { beginAtZero: true } } };
  new window.Chart(document.getElementById('grafik-kinerja'), {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: '% entri diverifikasi', data: tren.map((t) => persen(t.persenTerverifikasi)), ...putus },
        { label: 'Rata-rata capaian (%)', data: tren.map((t) => persen(t.capaian)), ...putus },
      ],
    },
    options: { ...opsi, scales: { y: { beginAtZero: true, max: 100 } } },
  });
  new window.Chart(document.getElementById('grafik-presensi'), {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'line', label: 'Kehadiran (%)', data: tren.map((t) => persen(t.tingkatHadir)), yAxisID: 'y', ...putus },
        { label: 'Kejadian terlambat', data: tren.map((t) => t.terlambat), yAxisID: 'y1' },
      ],
    },
    options: { ...opsi, scales: { y: { beginAtZero: true, max: 100 }, y1: { beginAtZero: true, position: 'right' } } },
  });
})();
