// Trend charts of the Dashboard Pimpinan (Chart.js, served locally). Data comes from the page, not another request.
(() => {
  const el = document.getElementById('data-tren');
  if (!el || !window.Chart) return;
  const tren = JSON.parse(el.dataset.tren);
  const labels = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const persen = (v) => (v === null ? null : Math.round(v * 1000) / 10);
  const opsi = { responsive: true, animation: false, scales: { y: { beginAtZero: true } } };
  new window.Chart(document.getElementById('grafik-kinerja'), {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: '% entri diverifikasi', data: tren.map((t) => persen(t.persenTerverifikasi)) },
        { label: 'Rata-rata capaian (%)', data: tren.map((t) => persen(t.capaian)) },
      ],
    },
    options: { ...opsi, scales: { y: { beginAtZero: true, max: 100 } } },
  });
  new window.Chart(document.getElementById('grafik-presensi'), {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'line', label: 'Kehadiran (%)', data: tren.map((t) => persen(t.tingkatHadir)), yAxisID: 'y' },
        { label: 'Kejadian terlambat', data: tren.map((t) => t.terlambat), yAxisID: 'y1' },
      ],
    },
    options: { ...opsi, scales: { y: { beginAtZero: true, max: 100 }, y1: { beginAtZero: true, position: 'right' } } },
  });
})();
