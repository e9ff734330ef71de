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
