// Shared by the admin pages: the API client, DOM building and formatting.
// Every text from the server goes into the page as text (textContent / text nodes), never as markup.

/** An error answer of the admin API: HTTP status, stable code and a short message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let sessionPromise = null;

/** The signed-in admin, the admin's CSRF token, providers and statuses (fetched once per page). */
export function session() {
  if (!sessionPromise) {
    sessionPromise = getJson('api/session');
  }
  return sessionPromise;
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || `The server answered ${response.status}.`);
  }
  return body;
}

export async function getJson(url) {
  const response = await fetch(url, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  return answer(response);
}

/** POSTs JSON with the admin's CSRF token in its header. */
export async function postJson(url, body) {
  const s = await session();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      [s.csrfHeader]: s.csrfToken,
    },
    credentials: 'same-origin',
    cache: 'no-store',
    body: JSON.stringify(body),
  });
  return answer(response);
}

/**
 * Builds an element. `props`: `class`, `text`, `hidden`, `dataset` (object), `on` (event → handler),
 * anything else is set as an attribute. Children are nodes or strings (added as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** "1234567.50" → "1,234,567.50": exact, from the decimal string (no floating point). */
export function groupDigits(amount) {
  const text = String(amount);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '−' : '') + grouped + (fraction !== undefined ? `.${fraction}` : '');
}

/** An amount in its currency, with the currency's own decimals as the server sent them. */
export function money(amount, currency) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return `${groupDigits(amount)} ${currency}`;
}

export function isZero(amount) {
  return !/[1-9]/.test(String(amount));
}

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const withMinutes = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A server instant in the admin's local time, in a <time> element (the exact instant as its title). */
export function dateTime(iso, seconds = true) {
  if (!iso) {
    return '—';
  }
  const text = (seconds ? withSeconds : withMinutes).format(new Date(iso));
  return el('time', { datetime: iso, title: iso, text });
}

const STATUS_LABELS = {
  STARTED: 'Started',
  PENDING: 'Pending',
  AUTHORIZED: 'Authorized',
  PARTIALLY_CAPTURED: 'Partially captured',
  CAPTURED: 'Captured',
  PARTIALLY_REFUNDED: 'Partially refunded',
  REFUNDED: 'Refunded',
  VOIDED: 'Voided',
  DECLINED: 'Declined',
  FAILED: 'Failed',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] || status;
}

export function statusBadge(status) {
  return el('span', { class: `badge status-${String(status).toLowerCase().replaceAll('_', '-')}`, text: statusLabel(status) });
}

/** Shows who is signed in. */
export async function showUser() {
  try {
    const s = await session();
    fill(document.getElementById('user'), 'Signed in as ', el('strong', { text: s.user }));
  } catch {
    // the page reports the failure where it loads its data
  }
}
