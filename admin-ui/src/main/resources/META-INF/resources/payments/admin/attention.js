// Payments that need a person: why each is listed and what the admin can do.
import { el, fill, getJson, dateTime, showUser, statusBadge } from './admin.js';

const form = document.getElementById('limit');
const tbody = document.querySelector('#payments tbody');
const message = document.getElementById('message');

function row(p) {
  const link = el('a', { href: `payment.html?id=${encodeURIComponent(p.id)}`, text: p.orderReference || p.id });
  const why = p.detail ? `${p.why} (${p.detail})` : p.why;
  return el('tr', {},
    el('td', {}, dateTime(p.since)),
    el('td', {}, link),
    el('td', { text: p.provider }),
    el('td', {}, statusBadge(p.status)),
    el('td', { text: why }),
    el('td', { text: p.action }));
}

async function load() {
  const olderThan = form.elements.olderThan.value;
  try {
    const answer = await getJson(`api/attention?olderThan=${encodeURIComponent(olderThan)}`);
    fill(tbody, answer.payments.map(row));
    message.textContent = answer.payments.length === 0 ? 'Nothing needs attention.'
      : `${answer.payments.length} payment${answer.payments.length === 1 ? '' : 's'} ${answer.payments.length === 1 ? 'needs' : 'need'} attention.`;
    message.classList.remove('error');
  } catch (error) {
    message.textContent = error.message;
    message.classList.add('error');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
showUser();
load();
