// Times in the reader's own time zone. The server writes each time in UTC
// (what shows without script) with its ISO form in data-local-time; a
// sentence around it comes in data-text with {t} where the time goes.
import { lang } from './dom.js';

const DAY = { year: 'numeric', month: 'long', day: 'numeric' };
const MOMENT = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

export function initLocalTimes(nodes) {
  for (const n of nodes) {
    const d = new Date(n.dataset.localTime);
    if (isNaN(d.getTime())) continue;
    try {
      const t = new Intl.DateTimeFormat(lang(), 'localDate' in n.dataset ? DAY : MOMENT).format(d);
      n.textContent = n.dataset.text ? n.dataset.text.replace('{t}', t) : t;
    } catch (_) {
      // An old browser without these options keeps the UTC text.
    }
  }
}
