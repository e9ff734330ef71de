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
// Accessibility (WCAG 2.1 AA). After a 422 each field in error names its message (aria-describedby, aria-invalid) and
// the first one takes the focus, so a screen reader reads the field and its message at once.
function linkFieldErrors() {
  let first = null;
  for (const field of document.querySelectorAll('main .is-invalid')) {
    const box = field.closest('.mb-3, .col-12, .col-6, .col-md-8, .col-md-4, .col, [class*="col-"], div');
    const message = document.getElementById(`${field.name}-error`) || (box && box.querySelector('.invalid-feedback'));
    field.setAttribute('aria-invalid', 'true');
    if (message) {
      if (!message.id) message.id = `${field.id || field.name}-error`;
      const ids = new Set((field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      ids.add(message.id);
      field.setAttribute('aria-describedby', [...ids].join(' '));
    }
    first ??= field;
  }
  if (first) first.focus();
}
// A wide table scrolls sideways inside its own box on a phone: that box becomes a labelled region reachable with the
// keyboard (only while it really scrolls, so it adds no empty tab stop on a wide screen).
function labelScrollRegions() {
  for (const box of document.querySelectorAll('.table-responsive')) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (!scrolls) {
      if (box.dataset.region) { box.removeAttribute('tabindex'); box.removeAttribute('role'); box.removeAttribute('aria-label'); delete box.dataset.region; }
      continue;
    }
    if (box.dataset.region) continue;
    const table = box.querySelector('table');
    const caption = table && table.caption ? table.caption.textContent : '';
    let heading = '';
    for (let el = box; el && !heading && el !== document.body; el = el.parentElement) {
      for (let prev = el.previousElementSibling; prev && !heading; prev = prev.previousElementSibling) {
        const h = prev.matches('h1, h2, h3, h4, h5, h6') ? prev : prev.querySelector('h1, h2, h3, h4, h5, h6');
        if (h) heading = h.textContent;
      }
    }
    box.dataset.region = '1';
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', `Tabel ${(caption || heading || '').trim()} (geser ke samping)`.replace('  ', ' '));
  }
}
document.addEventListener('DOMContentLoaded', () => {
  linkFieldErrors();
  labelScrollRegions();
});
window.addEventListener('resize', labelScrollRegions);

// ---------------------------------------------------------------------------------------------------------------------
// Installable app and offline entry (issue 14). Input Realisasi and Tambah Realisasi (<form data-offline>) saved without
// signal are kept in IndexedDB with their own idempotency key and sent later exactly as the form would send them
// (same-origin POST, multipart, the form's CSRF token), so the server's rules apply unchanged and one key makes one
// entry however often a send is retried. Entries belong to the signed-in user (body[data-user]) and are only ever sent
// in that user's session.
const me = document.body && document.body.dataset.user;
const PAGES_CACHE = 'ekinerja-halaman';

if ('serviceWorker' in navigator && document.body && document.body.dataset.sw) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(document.body.dataset.sw, { scope: '/' }).catch(() => {});
  });
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // plain-HTTP intranets have no randomUUID: a v4 UUID from getRandomValues
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const antrian = (() => {
  const open = () =>
    new Promise((ok, fail) => {
      const r = indexedDB.open('ekinerja', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('antrian', { keyPath: 'key' });
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
  const run = async (mode, fn) => {
    const db = await open();
    return new Promise((ok, fail) => {
      const t = db.transaction('antrian', mode);
      const req = fn(t.objectStore('antrian'));
      t.oncomplete = () => { db.close(); ok(req.result); };
      t.onerror = () => { db.close(); fail(t.error); };
    });
  };
  return {
    mine: async () => (await run('readonly', (s) => s.getAll())).filter((e) => e.user === me).sort((a, b) => a.urutan - b.urutan),
    put: (e) => run('readwrite', (s) => s.put(e)),
    del: (key) => run('readwrite', (s) => s.delete(key)),
    get: (key) => run('readonly', (s) => s.get(key)),
  };
})();

const announce = (text) => {
  let live = document.getElementById('antrian-status');
  if (!live) {
    live = document.createElement('div');
    live.id = 'antrian-status';
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    document.body.append(live);
  }
  live.textContent = text;
};

const fieldsOf = (entry) => new Map(entry.fields.filter(([, v]) => typeof v === 'string'));
const STATUS_TEXT = {
  menunggu: 'Menunggu koneksi; dikirim otomatis.',
  login: 'Sesi Anda berakhir. Login kembali; realisasi ini dikirim otomatis setelah login.',
  ditolak: 'Ditolak server:',
};

/** The visible "Menunggu dikirim (n)" list, at the top of every signed-in page while entries wait. */
async function renderAntrian() {
  if (!me || !window.indexedDB) return;
  const main = document.querySelector('main');
  const entries = await antrian.mine();
  let box = document.getElementById('antrian');
  if (!entries.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement('section');
    box.id = 'antrian';
    box.className = 'card mb-3 offline-notice';
    box.setAttribute('aria-labelledby', 'antrian-judul');
    main.prepend(box);
  }
  const body = document.createElement('div');
  body.className = 'card-body py-2';
  const h = document.createElement('h2');
  h.id = 'antrian-judul';
  h.className = 'h6';
  h.textContent = `Menunggu dikirim (${entries.length})`;
  const ul = document.createElement('ul');
  ul.className = 'list-unstyled mb-0';
  for (const e of entries) {
    const f = fieldsOf(e);
    const li = document.createElement('li');
    li.className = 'border-top py-2';
    li.dataset.antrian = e.key;
    const title = document.createElement('div');
    title.className = 'fw-semibold text-break';
    title.textContent = e.judul || f.get('pekerjaan') || 'Realisasi';
    const detail = document.createElement('div');
    detail.className = 'small';
    detail.textContent = `${f.get('tanggal') || ''} · ${f.get('jumlah') || ''} ${e.satuan || f.get('satuan') || ''}${f.get('menit') ? ` · ${f.get('menit')} menit` : ''}`;
    li.append(title, detail);
    if (f.get('uraian')) {
      const u = document.createElement('div');
      u.className = 'small text-secondary text-break';
      u.textContent = f.get('uraian');
      li.append(u);
    }
    const st = document.createElement('div');
    st.className = `small${e.status === 'ditolak' ? ' text-danger' : ''}`;
    st.textContent = `${STATUS_TEXT[e.status] || ''}${e.pesan ? ` ${e.pesan}` : ''}`;
    li.append(st);
    const aksi = document.createElement('div');
    aksi.className = 'd-flex gap-2 mt-1';
    const btn = (label, cls, act) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `btn btn-sm ${cls}`;
      b.textContent = label;
      b.dataset.antrianAksi = act;
      b.setAttribute('aria-label', `${label}: ${title.textContent}`);
      return b;
    };
    if (e.status === 'login') {
      const a = document.createElement('a');
      a.className = 'btn btn-sm btn-primary';
      a.href = '/login';
      a.textContent = 'Login';
      aksi.append(a);
    } else aksi.append(btn('Kirim ulang', 'btn-primary', 'kirim'));
    const ubah = document.createElement('a');
    ubah.className = 'btn btn-sm btn-outline-secondary';
    ubah.href = `${e.formUrl}#antrian-${e.key}`;
    ubah.textContent = 'Ubah';
    ubah.setAttribute('aria-label', `Ubah: ${title.textContent}`);
    aksi.append(ubah, btn('Hapus', 'btn-outline-danger', 'hapus'));
    li.append(aksi);
    ul.append(li);
  }
  body.append(h, ul);
  box.replaceChildren(body);
}

const pageToken = () => {
  const input = document.querySelector('input[name="_csrf"]');
  return input ? input.value : null;
};

/** One POST of a kept entry, with a given CSRF token; the outcome as the server decided it. */
async function post(entry, token) {
  const body = new FormData();
  for (const [k, v] of entry.fields) body.append(k, v);
  body.set('_csrf', token);
  const url = new URL(entry.action, location.origin);
  url.searchParams.set('_csrf', token);
  const res = await fetch(url.pathname + url.search, { method: 'POST', body, credentials: 'same-origin' });
  const path = new URL(res.url).pathname;
  // a session that expired (or a token from another session) is refused with 403 or sent to Login
  if (res.status === 403 || res.status === 401 || path === '/login') return { status: 'login' };
  if (res.ok && res.redirected) return { status: 'terkirim' };
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const texts = (selector) => [...doc.querySelectorAll(selector)].map((el) => el.textContent.trim()).filter(Boolean);
  // the messages next to the fields; an error page (404, 500) has its message in a paragraph
  let messages = texts('main .invalid-feedback, main .alert-danger').filter((m) => m !== 'Periksa kembali isian yang ditandai.');
  if (!messages.length) messages = texts('main p');
  return { status: 'ditolak', pesan: [...new Set(messages)].slice(0, 3).join(' ') || `Kode ${res.status}.` };
}

let sending = null;
let loggingOut = false; // no reload while Logout is on its way
/** Sends every waiting entry of this user (not the refused ones: they wait for the user). Safe to call often. */
function kirimSemua({ termasukDitolak = [], muatUlang = true } = {}) {
  // navigator.onLine is not trusted either way: a send without connection fails at once and is tried again later
  if (!me || !window.indexedDB) return Promise.resolve(0);
  sending ??= (async () => {
    let sent = 0;
    for (const e of await antrian.mine()) {
      if (e.status === 'ditolak' && !termasukDitolak.includes(e.key)) continue;
      let r;
      try {
        r = await post(e, e.token);
        // the token kept with the form may be from a session that has since ended: the current page's is this session's
        const current = pageToken();
        if (r.status === 'login' && current && current !== e.token) {
          r = await post(e, current);
          if (r.status !== 'login') e.token = current;
        }
      } catch {
        announce('Belum ada koneksi. Realisasi dikirim otomatis ketika koneksi kembali.');
        break; // no connection after all: try again on the next 'online' or visit
      }
      if (r.status === 'terkirim') {
        await antrian.del(e.key);
        sent++;
      } else {
        await antrian.put({ ...e, status: r.status, pesan: r.pesan || null });
      }
    }
    return sent;
  })().finally(() => {
    sending = null;
  });
  return sending.then(async (sent) => {
    await renderAntrian();
    if (sent > 0 && muatUlang && !loggingOut) {
      announce(`${sent} realisasi terkirim ke server.`);
      sessionStorage.setItem('antrian-terkirim', String(sent));
      // the lists on this page are now out of date: show the entries as the server has them
      if (location.pathname.startsWith('/realisasi') || location.pathname === '/') location.reload();
    }
    return sent;
  });
}

/** navigator.onLine only knows that a network is there, not that the server answers (a weak signal): ask it first. */
async function serverReachable() {
  if (!navigator.onLine) return false;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 8000);
  try {
    await fetch('/healthz', { cache: 'no-store', signal: stop.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** A submit without signal is kept on the device instead of failing in the browser. */
document.addEventListener(
  'submit',
  async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches('form[data-offline]') || !me || !window.indexedDB) return;
    event.preventDefault();
    const buttons = form.querySelectorAll('button[type="submit"]');
    for (const b of buttons) b.disabled = true;
    const editing = form.dataset.antrian;
    if (await serverReachable()) {
      // an edited refused entry goes out as a normal submit under its own key; the kept copy is dropped first
      if (editing) {
        form.elements.idempotencyKey.value = editing;
        await antrian.del(editing);
      }
      form.submit();
      return;
    }
    const data = new FormData(form);
    const fields = [...data.entries()].filter(([k, v]) => k !== '_csrf' && !(v instanceof File && v.size === 0 && !v.name));
    const key = editing || newKey();
    const old = editing ? await antrian.get(editing) : null;
    const sumber = form.elements.sumber;
    await antrian.put({
      key,
      user: me,
      action: form.getAttribute('action'),
      token: data.get('_csrf'),
      fields: fields.map(([k, v]) => [k, k === 'idempotencyKey' ? key : v]),
      judul: form.dataset.judul || data.get('pekerjaan') || (sumber && sumber.value !== 'tambahan' ? sumber.selectedOptions[0].text : ''),
      satuan: form.dataset.satuan || '',
      formUrl: location.pathname,
      status: 'menunggu',
      pesan: null,
      urutan: old ? old.urutan : performance.timeOrigin + performance.now(),
    });
    // ready for the next entry of the day: same date, empty quantity and description
    for (const name of ['jumlah', 'uraian', 'menit', 'bukti', 'pekerjaan', 'satuan']) if (form.elements[name]) form.elements[name].value = '';
    delete form.dataset.antrian;
    for (const b of buttons) b.disabled = false;
    await renderAntrian();
    announce('Tanpa koneksi: realisasi disimpan di perangkat ini dan dikirim otomatis ketika koneksi kembali.');
    document.getElementById('antrian').scrollIntoView();
  },
  true,
);

document.addEventListener('click', async (event) => {
  const b = event.target instanceof Element ? event.target.closest('[data-antrian-aksi]') : null;
  if (!b) return;
  const key = b.closest('[data-antrian]').dataset.antrian;
  if (b.dataset.antrianAksi === 'hapus') {
    if (!window.confirm('Hapus realisasi ini dari perangkat? Realisasi ini belum ada di server.')) return;
    await antrian.del(key);
    await renderAntrian();
    announce('Realisasi dihapus dari perangkat.');
  } else if (b.dataset.antrianAksi === 'kirim') {
    const e = await antrian.get(key);
    await antrian.put({ ...e, status: 'menunggu', pesan: null });
    await kirimSemua({ termasukDitolak: [key] });
  }
});

/** "Ubah" on a kept entry opens its form filled in with what was kept. */
async function editKept() {
  const m = location.hash.match(/^#antrian-([\w-]+)$/);
  const form = document.querySelector('form[data-offline]');
  if (!m || !form || !window.indexedDB) return;
  const e = await antrian.get(m[1]);
  if (!e || e.user !== me) return;
  for (const [k, v] of fieldsOf(e)) if (k !== 'idempotencyKey' && form.elements[k]) form.elements[k].value = v;
  form.dataset.antrian = e.key;
  announce('Mengubah realisasi yang belum terkirim.');
}

function offlineNotice() {
  let note = document.getElementById('offline-notice');
  if (navigator.onLine) {
    if (note) note.remove();
    return;
  }
  if (note) return;
  note = document.createElement('div');
  note.id = 'offline-notice';
  note.className = 'alert alert-warning';
  note.setAttribute('role', 'status');
  note.textContent = document.querySelector('form[data-offline]')
    ? 'Tanpa koneksi. Realisasi yang Anda simpan disimpan di perangkat ini dan dikirim otomatis ketika koneksi kembali.'
    : 'Tanpa koneksi. Halaman ini mungkin bukan yang terbaru; perubahan memerlukan koneksi ke server.';
  document.querySelector('main').prepend(note);
}

/** Logout on a shared phone: waiting entries are sent first (or the user decides), kept pages are deleted. */
document.addEventListener(
  'submit',
  async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute('action') !== '/logout' || form.dataset.siap) return;
    event.preventDefault();
    loggingOut = true;
    if (window.indexedDB && me) {
      await kirimSemua({ muatUlang: false });
      const left = await antrian.mine();
      if (left.length && !window.confirm(`${left.length} realisasi belum terkirim ke server dan akan dihapus dari perangkat ini. Tetap logout?`)) {
        loggingOut = false;
        return;
      }
      for (const e of left) await antrian.del(e.key);
    }
    if (window.caches) await caches.delete(PAGES_CACHE);
    localStorage.removeItem('ekinerja-user');
    form.dataset.siap = '1';
    form.submit();
  },
  true,
);

document.addEventListener('DOMContentLoaded', async () => {
  if (!me) return;
  // pages kept for another user (a session that ended without Logout) are never shown to this one
  if (localStorage.getItem('ekinerja-user') !== me) {
    if (window.caches) await caches.delete(PAGES_CACHE);
    localStorage.setItem('ekinerja-user', me);
  }
  // a fresh key per page view: a page shown again from the offline copy must not reuse a key already sent
  for (const form of document.querySelectorAll('form[data-offline]')) if (form.elements.idempotencyKey) form.elements.idempotencyKey.value = newKey();
  offlineNotice();
  const sent = sessionStorage.getItem('antrian-terkirim');
  if (sent) {
    sessionStorage.removeItem('antrian-terkirim');
    const note = document.createElement('div');
    note.className = 'alert alert-success';
    note.setAttribute('role', 'status');
    note.textContent = `${sent} realisasi yang tersimpan di perangkat telah terkirim ke server.`;
    document.querySelector('main').prepend(note);
  }
  await renderAntrian();
  await editKept();
  kirimSemua();
});
window.addEventListener('online', () => {
  offlineNotice();
  kirimSemua();
});
window.addEventListener('offline', offlineNotice);
