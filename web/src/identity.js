// Live validation of the identity form: as the person types, the form is
// checked by POST /v1/checks/identity and each finding appears beside its
// field with the fix; the normalised value is shown back when it differs
// from what was typed. The form still posts normally, so the page works
// without script too.
import { api, findingList } from './dom.js';

const FIELDS = ['full_name', 'latin_name', 'document_type', 'document_number', 'birth_date', 'sex', 'nationality', 'expiry_date'];

export function initLiveCheck(form) {
  const touched = new Set();
  const normLabel = form.dataset.normalizedLabel || '';
  let timer = 0;
  let seq = 0;

  // Fields that already hold a value were typed before (a reload, or a
  // saved draft): their findings are worth showing at once.
  for (const n of FIELDS) {
    const input = form.elements[n];
    if (input && input.tagName === 'INPUT' && input.value.trim() !== '') touched.add(n);
  }

  const schedule = (e) => {
    if (e && e.target && e.target.name) touched.add(e.target.name);
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  async function check() {
    const mine = ++seq;
    const body = {};
    for (const n of FIELDS) {
      const input = form.elements[n];
      if (input) body[n] = input.value;
    }
    let res;
    try {
      res = await api('POST', '/v1/checks/identity', body);
    } catch (_) {
      return; // offline: the server checks again on save
    }
    // An older answer arriving late must not overwrite a newer one.
    if (mine !== seq || !res.ok || !res.data) return;
    render(res.data);
  }

  function render(out) {
    const byField = {};
    for (const f of out.findings || []) (byField[f.field] = byField[f.field] || []).push(f);
    const decoded = out.decoded || {};
    // The number encodes birth date and sex on most Chinese IDs: offer
    // them when those fields are still empty.
    for (const n of ['birth_date', 'sex']) {
      const input = form.elements[n];
      if (input && !touched.has(n) && input.value === '' && decoded[n]) {
        input.value = decoded[n];
      }
    }
    for (const n of FIELDS) {
      const input = form.elements[n];
      const msg = document.getElementById(n + '-msg');
      if (!input || !msg) continue;
      const fs = touched.has(n) ? byField[n] || [] : [];
      msg.replaceChildren(findingList(fs));
      if (fs.some((f) => f.severity === 'blocking')) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      const norm = document.getElementById(n + '-norm');
      if (norm) {
        const v = (out.normalized || {})[n];
        norm.textContent = touched.has(n) && v && v !== input.value.trim() ? normLabel + ' ' + v : '';
      }
    }
  }

  if (touched.size > 0) check();
}
