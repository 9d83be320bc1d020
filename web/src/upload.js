// Resumable uploads of the documents page. Each file goes to kycd's tus
// endpoint in chunks; when the connection drops, tus-js-client retries and
// resumes from the offset the server confirms (HEAD), and the fingerprint
// kept in localStorage lets a reloaded page resume the same upload. Once
// the bytes are in, the document is attached and the photo check's verdict
// is shown on the thumbnail.
import { Upload } from 'tus-js-client';
import { api, el, findingList } from './dom.js';

const CHUNK = 256 * 1024;
const RETRY = [0, 1000, 2000, 4000, 8000, 15000, 30000, 60000];

let texts = {};

export function initUploads(cards) {
  const t = document.getElementById('i18n-upload');
  texts = t ? t.dataset : {};
  for (const card of cards) {
    for (const input of card.querySelectorAll('[data-file-input]')) {
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        // Emptied so that choosing the same file again fires again.
        input.value = '';
        if (!file) return;
        const bad = unfit(card, file);
        if (bad) refuse(card, bad);
        else send(card, file);
      });
    }
  }
}

// finding builds a finding from the texts the page rendered for this card
// (data-NAME-msg and data-NAME-fix), in the page's language.
function finding(card, code, name) {
  return { code, severity: 'blocking', message: card.dataset[name + 'Msg'] || code, fix: card.dataset[name + 'Fix'] || '' };
}

// unfit refuses, before a byte is sent, a file over the card's limit or of
// a type it does not take: the server would refuse both, later and after
// a long upload on a slow line. A file without a type (some browsers give
// none for HEIC) goes to the server, which reads the bytes.
function unfit(card, file) {
  const max = Number(card.dataset.maxBytes || 0);
  if (max > 0 && file.size > max) return finding(card, 'document.too_large', 'tooLarge');
  const accept = (card.dataset.accept || '').split(',').filter(Boolean);
  const ok = (a) => a === file.type || (a.endsWith('/*') && file.type.startsWith(a.slice(0, -1)));
  if (file.type && accept.length > 0 && !accept.some(ok)) return finding(card, card.dataset.badTypeCode, 'badType');
  return null;
}

// refuse shows why a file was not taken, in place of whatever the card
// showed for the previous one.
function refuse(card, f) {
  card.dataset.state = 'refused';
  card.querySelector('[data-result]').replaceChildren(findingList([f]));
  card.querySelector('[data-progress]').hidden = true;
}

async function sha256Hex(file) {
  // crypto.subtle exists only in secure contexts (https, localhost); the
  // checksum is an extra guard, so the upload goes on without it.
  if (!window.crypto || !window.crypto.subtle || file.size > 100 * 1024 * 1024) return '';
  try {
    const buf = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  } catch (_) {
    return '';
  }
}

function setProgress(card, pct, text) {
  const box = card.querySelector('[data-progress]');
  const bar = box.querySelector('progress');
  box.hidden = false;
  bar.value = pct;
  box.querySelector('[data-progress-text]').textContent = text;
}

async function send(card, file) {
  const app = card.dataset.app;
  const kind = card.dataset.kind;
  card.dataset.state = 'uploading';
  // The old verdict (and its findings) belongs to the photo being
  // replaced: it goes as soon as the new one starts.
  card.querySelector('[data-result]').replaceChildren();
  setProgress(card, 0, (texts.uploading || '') + ' 0%');
  const sum = await sha256Hex(file);
  // Browsers show JPEG, PNG and WebP themselves; anything else (HEIC)
  // is shown from the server's JPEG rendition once attached.
  const preview = /^image\/(jpeg|png|webp)$/.test(file.type) ? URL.createObjectURL(file) : '';
  const metadata = { application_id: app, kind, filename: file.name, filetype: file.type || 'application/octet-stream' };
  if (sum) metadata.sha256 = sum;

  const upload = new Upload(file, {
    endpoint: '/v1/uploads/',
    chunkSize: CHUNK,
    retryDelays: RETRY,
    metadata,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    // One fingerprint per application, kind and content, so the same
    // picture chosen for two slots never resumes the wrong upload.
    fingerprint: async (f) => ['kycd', app, kind, f.name, f.size, f.lastModified, sum].join('|'),
    onProgress(sent, total) {
      const pct = total ? Math.floor((sent / total) * 100) : 0;
      setProgress(card, pct, (texts.uploading || '') + ' ' + pct + '%');
    },
    onError(err) {
      // A refusal (4xx) will not go away by retrying: say why instead of
      // promising that the upload resumes.
      const res = err && err.originalResponse;
      const status = res ? res.getStatus() : 0;
      if (status === 413) {
        refuse(card, finding(card, 'document.too_large', 'tooLarge'));
        return;
      }
      if (status >= 400 && status < 500 && status !== 409 && status !== 423) {
        const body = String(res.getBody() || '').trim();
        refuse(card, { code: 'upload.refused', severity: 'blocking', message: body || texts.refusedUpload || String(err) });
        return;
      }
      card.dataset.state = 'failed';
      setProgress(card, card.querySelector('progress').value, texts.failed || String(err));
      // When the network is back, start again: tus asks the server for
      // the offset and sends only the rest.
      window.addEventListener('online', () => { card.dataset.state = 'uploading'; upload.start(); }, { once: true });
    },
    onSuccess() {
      attach(card, upload.url, preview);
    },
  });
  window.addEventListener('offline', () => {
    if (card.dataset.state === 'uploading') setProgress(card, card.querySelector('progress').value, texts.paused || '');
  });
  const previous = await upload.findPreviousUploads();
  if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
  upload.start();
  card.kycdUpload = upload; // for tests and the browser console
}

async function attach(card, url, preview, tries = 0) {
  card.dataset.state = 'checking';
  setProgress(card, 100, texts.checking || '');
  const uploadID = url.split('/').pop();
  let res;
  try {
    res = await api('POST', '/v1/applications/' + card.dataset.app + '/documents', { upload_id: uploadID, kind: card.dataset.kind });
  } catch (_) {
    card.dataset.state = 'failed';
    setProgress(card, 100, texts.failed || '');
    return;
  }
  const result = card.querySelector('[data-result]');
  // The server is saturated with checks (503 server.busy): say so and try
  // again after the wait it names; the upload itself is safe.
  const busy = res.status === 503 && res.data && res.data.error && res.data.error.code === 'server.busy';
  if (busy && tries < 20) {
    card.dataset.state = 'busy';
    setProgress(card, 100, texts.busy || '');
    const wait = Number((res.data.error.params || {}).retry_after) || 3;
    setTimeout(() => attach(card, url, preview, tries + 1), wait * 1000);
    return;
  }
  if (!res.ok) {
    card.dataset.state = 'failed';
    const e = (res.data && res.data.error) || {};
    result.replaceChildren(findingList([{ code: e.code, message: e.message, severity: 'blocking' }]));
    setProgress(card, 100, texts.failed || '');
    return;
  }
  const d = res.data;
  const shown = preview || (card.dataset.photo === 'true' && d.document_id ? '/v1/documents/' + d.document_id + '/content?display=1' : '');
  const wrap = el('div', { class: 'thumb-wrap' },
    shown ? el('img', { class: 'thumb', src: shown, alt: texts.thumbAlt || '' }) : null,
    shown && d.outline ? outlineSVG(d.outline) : null,
    el('p', { class: 'verdict ' + (d.accepted ? 'ok' : 'bad'), 'data-verdict': d.accepted ? 'accepted' : 'refused' },
      d.accepted ? texts.accepted || '' : texts.refused || ''));
  const readBox = el('div', { class: 'read-box', 'data-read-box': true });
  result.replaceChildren(wrap, findingList(d.findings), readBox);
  if (d.read) showReading(card, d.document_id, d.read, readBox, 0);
  card.dataset.state = d.accepted ? 'accepted' : 'refused';
  card.querySelector('[data-progress]').hidden = true;
  const cam = card.querySelector('label.button.primary');
  if (cam && texts.retake) cam.textContent = texts.retake;
}

// outlineSVG draws the document's outline as the photo check found it,
// over the thumbnail: the viewBox is the upright photo's pixel grid, as
// the browser shows the photo (EXIF orientation applied).
function outlineSVG(o) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'outline');
  svg.setAttribute('viewBox', '0 0 ' + Number(o.width) + ' ' + Number(o.height));
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('data-outline', '');
  const poly = document.createElementNS(ns, 'polygon');
  poly.setAttribute('points', o.corners.map((c) => Math.round(Number(c.x)) + ',' + Math.round(Number(c.y))).join(' '));
  poly.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.appendChild(poly);
  return svg;
}

// showReading shows what document reading made of the photo, and its
// cross-check with the form. The upload's answer does not wait for the
// reading, so while it is pending the page asks again until it lands.
async function showReading(card, docID, read, box, tries) {
  if (!box.isConnected) return; // another photo was chosen meanwhile
  if (read.state === 'pending') {
    box.replaceChildren(el('p', { class: 'small read-state', 'data-read-state': 'pending' }, texts.reading || ''));
    if (tries >= 40) return;
    setTimeout(async () => {
      let res = null;
      try { res = await api('GET', '/v1/applications/' + card.dataset.app); } catch (_) { res = null; }
      const docs = (res && res.ok && res.data && res.data.documents) || [];
      const doc = docs.find((x) => x.document_id === docID);
      if (res && res.ok && !doc) return; // replaced: its reading no longer counts
      showReading(card, docID, (doc && doc.read) || read, box, tries + 1);
    }, 1500);
    return;
  }
  if (read.state !== 'done') {
    box.replaceChildren();
    return;
  }
  const kind = card.dataset.kind;
  const fields = read.fields || {};
  const order = (texts.readFields || '').split(',').filter((f) => f && fields[f] !== undefined);
  const line = el('p', { class: 'we-read', 'data-read-state': 'done' }, (texts.weRead || '') + ' ');
  order.forEach((f, i) => {
    let v = String(fields[f]);
    if (f === 'sex') v = (v === 'M' ? texts.sexM : v === 'F' ? texts.sexF : '') || v;
    if (i) line.append(' · ');
    line.append(el('span', { 'data-read-field': f }, v));
  });
  box.replaceChildren(order.length ? line : document.createTextNode(''),
    findingList((read.findings || []).filter((f) => f.field === kind)));
}
