// e-Kinerja progressive enhancement only: every page works without JavaScript.
// A submitted form disables its submit buttons, so a double click sends it once
// (the server's idempotency key makes a retry safe anyway).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  for (const button of form.querySelectorAll('button[type="submit"], input[type="submit"]')) {
    setTimeout(() => { button.disabled = true; }, 0);
  }
});
// "pilih semua" checkboxes: <input type="checkbox" data-check-all="name">
document.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.checkAll) return;
  for (const other of document.querySelectorAll(`input[type="checkbox"][name="${box.dataset.checkAll}"]`)) other.checked = box.checked;
});
// Buttons with data-confirm ask before submitting (e.g. "Hapus").
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
  if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
});
// "Sebar rata": fills the months from the current one to December with an even spread of the target.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-sebar-rata]') : null;
  if (!button) return;
  event.preventDefault();
  const form = button.closest('form');
  const total = Number(String(form.querySelector('[name="kuantitas"]').value).replace(/\./g, '').replace(',', '.'));
  const from = Number(button.getAttribute('data-sebar-rata'));
  if (!(total > 0)) return;
  const n = 13 - from;
  const cents = Math.round(total * 100);
  const base = Math.floor(cents / n);
  let rest = cents - base * n;
  for (let m = 1; m <= 12; m++) {
    const input = form.querySelector(`[name="b${m}"]`);
    if (m < from) { input.value = '0'; continue; }
    input.value = String((base + (rest > 0 ? 1 : 0)) / 100).replace('.', ',');
    if (rest > 0) rest--;
  }
});
