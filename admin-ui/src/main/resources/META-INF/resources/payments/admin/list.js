// The list of payments: filters, search and keyset paging (newest first).
import { el, fill, getJson, money, dateTime, session, showUser, statusBadge, statusLabel } from './admin.js';

const form = document.getElementById('filters');
const tbody = document.querySelector('#payments tbody');
const empty = document.getElementById('empty');
const message = document.getElementById('message');
const buttons = {
  first: document.getElementById('first'),
  previous: document.getElementById('previous'),
  next: document.getElementById('next'),
};
const pageInfo = document.getElementById('page-info');
const FIELDS = ['q', 'status', 'provider', 'from', 'to'];
const LIMIT = 25;

// Paging state: the cursor of the page shown, the cursors of the pages before it, the next one.
let after = null;
let trail = [];
let next = null;

/** Local day → the instant it starts, for the API (the admin thinks in local days). */
function startOfDay(day, plusDays = 0) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function filters() {
  const values = {};
  for (const name of FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) {
      values[name] = value;
    }
  }
  return values;
}

function apiUrl(values) {
  const params = new URLSearchParams();
  if (values.q) params.set('q', values.q);
  if (values.status) params.set('status', values.status);
  if (values.provider) params.set('provider', values.provider);
  if (values.from) params.set('from', startOfDay(values.from));
  if (values.to) params.set('to', startOfDay(values.to, 1));
  if (after) params.set('after', after);
  params.set('limit', String(LIMIT));
  return `api/payments?${params}`;
}

/** Keeps the filters in the address, so a reload or a shared link shows the same list. */
function remember(values) {
  const params = new URLSearchParams(values);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function row(p) {
  const link = el('a', { href: `payment.html?id=${encodeURIComponent(p.id)}`, class: 'order-link', text: p.orderReference });
  return el('tr', {},
    el('td', { 'data-label': 'Created', class: 'created' }, dateTime(p.createdAt, false)),
    el('td', { 'data-label': 'Order' }, link),
    el('td', { 'data-label': 'Customer', class: 'customer' },
      el('div', {},
        el('span', { class: 'customer-name', text: p.customerName }),
        el('span', { class: 'customer-email', text: p.customerEmail }))),
    el('td', { 'data-label': 'Provider', text: p.providerName }),
    el('td', { 'data-label': 'Status' }, statusBadge(p.status)),
    el('td', { 'data-label': 'Total', class: 'num', text: money(p.total, p.currency) }),
    el('td', { 'data-label': 'Captured', class: 'num', text: money(p.captured, p.currency) }),
    el('td', { 'data-label': 'Refunded', class: 'num', text: money(p.refunded, p.currency) }));
}

/** The CSV of every payment the filters select (not just this page). */
function exportUrl(values) {
  const params = new URLSearchParams();
  if (values.q) params.set('q', values.q);
  if (values.status) params.set('status', values.status);
  if (values.provider) params.set('provider', values.provider);
  if (values.from) params.set('from', startOfDay(values.from));
  if (values.to) params.set('to', startOfDay(values.to, 1));
  const query = params.toString();
  return query ? `api/export.csv?${query}` : 'api/export.csv';
}

async function load() {
  const values = filters();
  remember(values);
  document.getElementById('export').href = exportUrl(values);
  document.getElementById('payments').setAttribute('aria-busy', 'true');
  try {
    const page = await getJson(apiUrl(values));
    fill(tbody, page.payments.map(row));
    empty.hidden = page.payments.length > 0;
    next = page.next;
    const number = trail.length + 1;
    pageInfo.textContent = `Page ${number}`;
    buttons.first.disabled = trail.length === 0;
    buttons.previous.disabled = trail.length === 0;
    buttons.next.disabled = !next;
    message.textContent = page.payments.length === 0 ? ''
      : `Showing ${page.payments.length} payment${page.payments.length === 1 ? '' : 's'}, newest first.`;
    message.classList.remove('error');
  } catch (error) {
    fill(tbody);
    empty.hidden = true;
    message.textContent = error.message;
    message.classList.add('error');
  } finally {
    document.getElementById('payments').removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  after = null;
  trail = [];
  load();
});

document.getElementById('reset').addEventListener('click', () => {
  form.reset();
  after = null;
  trail = [];
  load();
  form.elements.q.focus();
});

buttons.next.addEventListener('click', () => {
  if (!next) return;
  trail.push(after);
  after = next;
  load();
});

buttons.previous.addEventListener('click', () => {
  if (trail.length === 0) return;
  after = trail.pop();
  load();
});

buttons.first.addEventListener('click', () => {
  after = null;
  trail = [];
  load();
});

async function start() {
  showUser();
  const initial = new URLSearchParams(location.search);
  try {
    const s = await session();
    const status = form.elements.status;
    for (const name of s.statuses) {
      status.append(el('option', { value: name, text: statusLabel(name) }));
    }
    const provider = form.elements.provider;
    for (const p of s.providers) {
      provider.append(el('option', { value: p.id, text: p.name }));
    }
    const wanted = initial.get('provider');
    if (wanted && ![...provider.options].some((o) => o.value === wanted)) {
      provider.append(el('option', { value: wanted, text: wanted }));
    }
  } catch (error) {
    message.textContent = error.message;
    message.classList.add('error');
    return;
  }
  for (const name of FIELDS) {
    if (initial.has(name)) {
      form.elements[name].value = initial.get(name);
    }
  }
  load();
}

start();
