// The review desk: zoom and rotate on each document, and keyboard
// shortcuts (A approve, R reject for retry, N next case) that stay out of
// the way while the reviewer types in a field.

export function initViewers(viewers) {
  for (const v of viewers) {
    const media = v.querySelector('[data-zoomable]');
    if (!media) continue;
    let scale = 1;
    let turn = 0;
    const apply = () => { media.style.transform = 'rotate(' + turn + 'deg) scale(' + scale + ')'; };
    for (const b of v.querySelectorAll('[data-zoom]')) {
      b.addEventListener('click', () => {
        scale = b.dataset.zoom === 'in' ? Math.min(scale * 1.5, 8) : Math.max(scale / 1.5, 0.5);
        apply();
      });
    }
    const rot = v.querySelector('[data-rotate]');
    if (rot) rot.addEventListener('click', () => { turn = (turn + 90) % 360; apply(); });
    media.addEventListener('dblclick', () => { scale = scale === 1 ? 2.5 : 1; apply(); });
  }
}

function typing(target) {
  const tag = target && target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable);
}

export function initShortcuts() {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const target = document.querySelector('[data-key="' + e.key.toLowerCase() + '"]');
    if (!target) return;
    e.preventDefault();
    target.click();
  });
}

// initDecision refuses a rejection without a reason before it leaves the
// page (the server refuses it too).
export function initDecision(form) {
  form.addEventListener('submit', (e) => {
    const btn = e.submitter;
    if (!btn || btn.value === 'approve') return;
    if (!form.querySelector('input[name="reason"]:checked')) {
      e.preventDefault();
      const first = form.querySelector('input[name="reason"]');
      const msg = form.querySelector('[data-need-reason]');
      if (msg) msg.hidden = false;
      if (first) first.focus();
    }
  });
}
