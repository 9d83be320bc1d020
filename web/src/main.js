// Entry point of static/app.js. Every page loads the same small bundle;
// each part starts only when its markup is on the page, so pages without
// live parts run no code at all.
import { initLiveCheck } from './identity.js';
import { initUploads } from './upload.js';
import { initViewers, initShortcuts, initDecision } from './review.js';
import { initLocalTimes } from './time.js';

function start() {
  const form = document.querySelector('[data-live-check]');
  if (form) initLiveCheck(form);
  const cards = document.querySelectorAll('[data-doc-card]');
  if (cards.length) initUploads(cards);
  initLocalTimes(document.querySelectorAll('[data-local-time]'));
  initViewers(document.querySelectorAll('[data-viewer]'));
  initShortcuts();
  const decision = document.getElementById('decision-form');
  if (decision) initDecision(decision);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
