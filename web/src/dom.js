// Small DOM helpers. Text always goes in through textContent, never
// innerHTML, so nothing the server or a user sent can become markup.

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

// findingList renders findings as the server's "findings" partial does.
export function findingList(findings) {
  if (!findings || findings.length === 0) return document.createTextNode('');
  return el('ul', { class: 'findings' }, ...findings.map((f) =>
    el('li', { class: 'finding ' + (f.severity || 'blocking'), 'data-code': f.code },
      el('span', { class: 'msg' }, f.message || f.code), ' ',
      f.fix ? el('span', { class: 'fix' }, f.fix) : null)));
}

export function lang() {
  return document.body.dataset.lang || 'en';
}

// api calls kycd's JSON API with the session cookie; the answer's
// language follows the page's.
export async function api(method, path, body) {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(path + sep + 'lang=' + encodeURIComponent(lang()), {
    method,
    credentials: 'same-origin',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  return { ok: res.ok, status: res.status, data };
}
