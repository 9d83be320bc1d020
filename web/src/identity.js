// Live validation of the identity form: as the person types, the form is
// checked by POST /v1/checks/identity and each finding appears beside its
// field with the fix; the normalised value is shown back when it differs
// from what was typed. The form still posts normally, so the page works
// without script too.
//
// Two promises the page keeps (issue 13, item 3):
//   - what the server marked when it rendered the page stays marked until
//     the person changes that field: a live answer never erases it;
//   - birth date and sex, which most Chinese numbers encode, follow the
//     number until the person edits them, so correcting the number cannot
//     leave a stale sex or date behind.
import { api, findingList } from './dom.js';

const FIELDS = ['full_name', 'latin_name', 'document_type', 'document_number', 'birth_date', 'sex', 'nationality', 'expiry_date', 'address'];
const DERIVED = ['birth_date', 'sex'];

export function initLiveCheck(form) {
  const input = (n) => form.elements[n];
  // touched: fields whose live findings are shown. edited: fields the
  // person changed on this page. server: what the page arrived with.
  const touched = new Set();
  const edited = new Set();
  const server = {};
  const normLabel = form.dataset.normalizedLabel || '';
  let timer = 0;
  let seq = 0;

  for (const n of FIELDS) {
    const el = input(n);
    if (!el) continue;
    // A field that already holds a value was typed before (a reload, or
    // a saved draft): its findings are worth showing at once.
    if (el.tagName !== 'SELECT' && el.value.trim() !== '') touched.add(n);
    const msg = document.getElementById(n + '-msg');
    if (msg && msg.querySelector('[data-code]')) {
      server[n] = { nodes: [...msg.childNodes], invalid: el.getAttribute('aria-invalid') === 'true' };
      touched.add(n);
    }
  }
  // A derived field follows the number while it is empty; a value it
  // arrived with follows too when it is what the number says (checked on
  // the first answer), since then it was most likely filled from it.
  const follow = new Set(DERIVED.filter((n) => input(n) && input(n).value === ''));
  const maybeFollow = new Set(DERIVED.filter((n) => input(n) && input(n).value !== ''));
  let focused = '';

  const changed = (e) => {
    const n = e && e.target && e.target.name;
    if (n) {
      touched.add(n);
      edited.add(n);
      follow.delete(n);
      maybeFollow.delete(n);
    }
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // "10 of 18 characters" is noise while the number is still being typed:
  // the length finding waits until the field is left or long enough.
  form.addEventListener('focusin', (e) => { focused = (e.target && e.target.name) || ''; });
  form.addEventListener('focusout', () => { focused = ''; clearTimeout(timer); timer = setTimeout(check, 0); });

  async function check() {
    const mine = ++seq;
    const body = {};
    for (const n of FIELDS) {
      if (input(n)) body[n] = input(n).value;
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

  function derive(decoded) {
    for (const n of maybeFollow) {
      if (decoded[n] && input(n).value === decoded[n]) follow.add(n);
    }
    maybeFollow.clear();
    for (const n of follow) {
      if (decoded[n] && input(n).value !== decoded[n]) {
        input(n).value = decoded[n];
        // The value on screen is no longer the one the server judged.
        edited.add(n);
        touched.add(n);
      }
    }
  }

  function stillTyping(n, f) {
    return f.code === 'id_number.format' && focused === n && f.params &&
      Number(f.params.length) < Number(f.params.expected);
  }

  function render(out) {
    const byField = {};
    for (const f of out.findings || []) (byField[f.field] = byField[f.field] || []).push(f);
    derive(out.decoded || {});
    for (const n of FIELDS) {
      const el = input(n);
      const msg = document.getElementById(n + '-msg');
      if (!el || !msg) continue;
      const norm = document.getElementById(n + '-norm');
      if (norm) {
        const v = (out.normalized || {})[n];
        norm.textContent = touched.has(n) && v && v !== el.value.trim() ? normLabel + ' ' + v : '';
      }
      if (server[n] && !edited.has(n)) continue; // the server's marks stay
      const fs = touched.has(n) ? (byField[n] || []).filter((f) => !stillTyping(n, f)) : [];
      msg.replaceChildren(findingList(fs));
      if (fs.some((f) => f.severity === 'blocking')) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
  }

  if (touched.size > 0) check();
}
