// One payment: details, ledger, the actions its provider and ledger allow, lines, history, and
// the provider's own view on demand.
import { el, fill, getJson, postJson, money, dateTime, isZero, showUser, statusBadge } from './admin.js';

const paymentId = new URLSearchParams(location.search).get('id') || '';
const root = document.getElementById('payment');
const message = document.getElementById('message');
message.tabIndex = -1;

let current = null;
let providerView = null;

const EVENT_LABELS = {
  CREATED: 'Payment started',
  START_FAILED: 'Start failed',
  START_UNCONFIRMED: 'Start not answered, being confirmed with the provider',
  AUTHORIZATION_PENDING: 'Awaiting the provider’s decision',
  AUTHORIZED: 'Authorized',
  DECLINED: 'Declined',
  FAILED: 'Failed',
  CAPTURE_REQUESTED: 'Capture requested',
  CAPTURED: 'Captured',
  CAPTURE_FAILED: 'Capture failed',
  REFUND_REQUESTED: 'Refund requested',
  REFUNDED: 'Refunded',
  REFUND_FAILED: 'Refund failed',
  VOID_REQUESTED: 'Void requested',
  VOIDED: 'Voided',
  VOID_FAILED: 'Void failed',
  OPERATION_ACCEPTED: 'Accepted by the provider, to be decided',
  STATE_MISMATCH: 'Provider’s state did not match',
};

const VERBS = { capture: 'capture', refund: 'refund', void: 'void' };
const BUSY = { capture: 'Capturing…', refund: 'Refunding…', void: 'Voiding…' };

function say(text, kind = 'info', focus = false) {
  message.textContent = text;
  message.className = `message ${kind}`;
  if (focus) {
    message.focus();
  }
}

function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.') : '';
}

function card(title, ...children) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id, text: title }), ...children);
}

function row(label, value) {
  return [el('dt', { text: label }), el('dd', {}, value === null || value === undefined || value === '' ? '—' : value)];
}

// ---------------------------------------------------------------- sections

function heading(p) {
  return el('div', { class: 'page-head' },
    el('h1', {}, 'Order ', el('span', { class: 'reference', text: p.orderReference })),
    statusBadge(p.status),
    el('p', { class: 'head-total' }, 'Total ', el('strong', { text: money(p.total, p.currency) })));
}

function details(p) {
  return card('Details',
    el('dl', { class: 'details' },
      row('Customer', el('span', { class: 'customer-name', text: p.customer.name })),
      row('Email', el('span', { class: 'customer-email', text: p.customer.email })),
      row('Provider', p.provider.enabled ? p.provider.name : `${p.provider.name} (not enabled)`),
      row('Provider’s payment id', p.providerPaymentId ? el('code', { text: p.providerPaymentId }) : null),
      row('Payment id', el('code', { text: p.id })),
      row('Created', dateTime(p.createdAt)),
      row('Last change', dateTime(p.updatedAt))));
}

function ledger(p) {
  const l = p.ledger;
  const stat = (label, amount, extra = '') => el('div', { class: `stat ${extra}` },
    el('dt', { text: label }), el('dd', { text: money(amount, p.currency) }));
  return card('Ledger',
    el('dl', { class: 'stats' },
      stat('Authorized', l.authorized),
      stat('Captured', l.captured, isZero(l.captured) ? '' : 'positive'),
      stat('Refunded', l.refunded, isZero(l.refunded) ? '' : 'negative'),
      stat('Voided', l.voided),
      stat('Pending', l.pending, isZero(l.pending) ? '' : 'pending')),
    settlesItself(p)
      // nothing here can move this provider's money: say who does, instead of amounts no action can use
      ? el('p', { class: 'open-amounts settles-itself' },
        `${p.provider.name} settles this payment itself: capture, refund and cancellation are done in ${p.provider.name}, not here.`)
      : el('p', { class: 'open-amounts' },
        `Open to capture ${money(l.capturable, p.currency)} · open to refund ${money(l.refundable, p.currency)}`));
}

/** Whether the provider offers none of capture, refund and void through the plugin. */
function settlesItself(p) {
  const caps = p.provider.capabilities || [];
  return !['CAPTURE', 'REFUND', 'VOID'].some((c) => caps.includes(c));
}

function modeLabel(name, mode, offer, currency) {
  if (mode === 'remaining') {
    return name === 'refund' ? `All that is refundable (${money(offer.max, currency)})`
      : `All that is open (${money(offer.max, currency)})`;
  }
  return mode === 'amount' ? 'An amount' : 'Chosen lines';
}

function linesChooser(p, name) {
  const openField = name === 'capture' ? 'capturableQuantity' : 'refundableQuantity';
  const openAmountField = name === 'capture' ? 'capturableAmount' : 'refundableAmount';
  const open = p.lines.filter((line) => !isZero(line[openField]));
  const rows = open.map((line) => {
    const inputId = `${name}-line-${line.id}`;
    return el('tr', {},
      el('th', { scope: 'row' },
        el('label', { for: inputId }, el('span', { text: line.name }),
          el('span', { class: 'visually-hidden', text: ` – quantity to ${VERBS[name]}` }))),
      el('td', { class: 'num', text: `${line[openField]} of ${line.quantity}` }),
      el('td', { class: 'num muted', text: money(line[openAmountField], p.currency) }),
      el('td', { class: 'num' },
        el('input', {
          id: inputId, class: 'quantity', type: 'text', inputmode: 'decimal', autocomplete: 'off',
          size: 5, placeholder: '0', dataset: { line: line.id, max: line[openField] },
        })));
  });
  return el('div', { class: 'lines-field', hidden: true },
    el('table', { class: 'choose-lines' },
      el('caption', { class: 'visually-hidden', text: `Lines to ${VERBS[name]}` }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Line' }),
        el('th', { scope: 'col', class: 'num', text: 'Open' }),
        el('th', { scope: 'col', class: 'num', text: 'Worth' }),
        el('th', { scope: 'col', class: 'num', text: 'Quantity' }))),
      el('tbody', {}, rows)),
    el('p', { class: 'hint', text: 'Leave a line empty to leave it out. Shipping is a line like any other.' }));
}

function actionForm(p, name, offer) {
  const titleId = `${name}-title`;
  if (!offer.available) {
    return el('div', { class: 'action unavailable', dataset: { action: name } },
      el('h3', { id: titleId, text: offer.label }),
      el('p', { class: 'why', text: sentence(offer.why) }));
  }
  const form = el('form', { class: `action action-${name}`, dataset: { action: name }, novalidate: true, 'aria-labelledby': titleId });
  const parts = [
    el('h3', { id: titleId, text: offer.label }),
    el('p', { class: 'max', text: `Up to ${money(offer.max, p.currency)}` }),
  ];
  if (offer.modes.length > 1) {
    parts.push(el('fieldset', { class: 'modes' },
      el('legend', { text: `What to ${VERBS[name]}` }),
      offer.modes.map((mode, i) => {
        const id = `${name}-mode-${mode}`;
        return el('div', { class: 'radio' },
          el('input', { type: 'radio', name: 'mode', id, value: mode, checked: i === 0 }),
          el('label', { for: id, text: modeLabel(name, mode, offer, p.currency) }));
      })));
  } else {
    parts.push(el('input', { type: 'hidden', name: 'mode', value: 'remaining' }),
      el('p', { class: 'only-mode', text: `${p.provider.name} takes only the whole open amount.` }));
  }
  if (offer.modes.includes('amount')) {
    parts.push(el('div', { class: 'field amount-field', hidden: true },
      el('label', { for: `${name}-amount`, text: `Amount in ${p.currency}` }),
      el('input', {
        id: `${name}-amount`, name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off',
        'aria-describedby': `${name}-amount-hint`, placeholder: p.decimals > 0 ? `0.${'0'.repeat(p.decimals)}` : '0',
      }),
      el('small', { id: `${name}-amount-hint`, class: 'hint', text: `At most ${money(offer.max, p.currency)}` })));
  }
  if (offer.modes.includes('lines')) {
    parts.push(linesChooser(p, name));
  }
  parts.push(
    el('div', { class: 'field' },
      el('label', { for: `${name}-reason`, text: 'Reason' }),
      el('textarea', { id: `${name}-reason`, name: 'reason', rows: 2, maxlength: 500, 'aria-required': 'true',
        'aria-describedby': `${name}-reason-hint` }),
      el('small', { id: `${name}-reason-hint`, class: 'hint', text: 'Required; shown in the history.' })),
    el('input', { type: 'hidden', name: 'idempotencyKey', value: offer.idempotencyKey }),
    el('input', { type: 'hidden', name: 'seen', value: String(p.seen) }),
    el('button', { type: 'submit', class: `button ${name === 'capture' ? 'primary' : 'danger'}`, text: offer.label }),
    el('p', { class: 'form-error', role: 'alert' }));
  form.append(...parts);

  const showMode = () => {
    const mode = form.elements.mode.value;
    const amount = form.querySelector('.amount-field');
    const lines = form.querySelector('.lines-field');
    if (amount) amount.hidden = mode !== 'amount';
    if (lines) lines.hidden = mode !== 'lines';
  };
  form.addEventListener('change', (event) => {
    if (event.target.name === 'mode') showMode();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, name);
  });
  return form;
}

function actions(p) {
  return card('Actions',
    el('p', { class: 'hint', text: 'What the provider and the ledger allow now. Every action needs a reason.' }),
    el('div', { class: 'actions' },
      ['capture', 'refund', 'void'].map((name) => actionForm(p, name, p.actions[name]))));
}

/** "1 · 12.00 GBP", or the money alone when it was a share of an amount rather than whole units. */
function part(quantity, amount, currency) {
  if (isZero(amount) && isZero(quantity)) {
    return '—';
  }
  return isZero(quantity) ? money(amount, currency) : `${quantity} · ${money(amount, currency)}`;
}

function lines(p) {
  return card('Lines',
    el('div', { class: 'table-wrap' },
      el('table', { class: 'data stack lines' },
        el('caption', { class: 'visually-hidden', text: 'The lines of the order with what was captured and refunded on each' }),
        el('thead', {}, el('tr', {},
          ['Line', 'Kind', 'Quantity', 'Unit price', 'Total', 'Captured', 'Refunded'].map((h, i) =>
            el('th', { scope: 'col', class: i >= 2 ? 'num' : null, text: h })))),
        el('tbody', {}, p.lines.map((line) => el('tr', {},
          el('td', { 'data-label': 'Line' }, el('div', {}, el('span', { class: 'line-name', text: line.name }),
            line.sku ? el('small', { class: 'sku', text: line.sku }) : null)),
          el('td', { 'data-label': 'Kind', text: line.kind.toLowerCase().replace('_', ' ') }),
          el('td', { 'data-label': 'Quantity', class: 'num', text: line.quantity }),
          el('td', { 'data-label': 'Unit price', class: 'num', text: money(line.unitPrice, p.currency) }),
          el('td', { 'data-label': 'Total', class: 'num', text: money(line.total, p.currency) }),
          el('td', { 'data-label': 'Captured', class: 'num', text: part(line.capturedQuantity, line.capturedAmount, p.currency) }),
          el('td', { 'data-label': 'Refunded', class: 'num', text: part(line.refundedQuantity, line.refundedAmount, p.currency) })))))));
}

function history(p) {
  const names = Object.fromEntries(p.lines.map((line) => [line.id, line.name]));
  const events = [...p.events].reverse();
  return card('History',
    el('p', { class: 'hint', text: 'Newest first. Nothing here is ever changed or removed.' }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'data stack history' },
        el('caption', { class: 'visually-hidden', text: 'The payment’s history, newest first' }),
        el('thead', {}, el('tr', {},
          ['Time', 'Actor', 'Action', 'Amount', 'Reason', 'Provider request id'].map((h) =>
            el('th', { scope: 'col', class: h === 'Amount' ? 'num' : null, text: h })))),
        el('tbody', {}, events.map((e) => el('tr', { dataset: { kind: e.kind } },
          el('td', { 'data-label': 'Time' }, dateTime(e.createdAt)),
          el('td', { 'data-label': 'Actor', class: 'actor', text: e.actor }),
          el('td', { 'data-label': 'Action', class: 'event-kind' }, el('div', {},
            el('span', { text: EVENT_LABELS[e.kind] || e.kind }),
            e.lines.length ? el('ul', { class: 'parts' }, e.lines.map((a) => el('li', {
              text: `${names[a.line] || a.line}${isZero(a.quantity) ? '' : ` × ${a.quantity}`}: ${money(a.amount, p.currency)}`,
            }))) : null)),
          el('td', { 'data-label': 'Amount', class: 'num', text: e.amount === null ? '—' : money(e.amount, p.currency) }),
          el('td', { 'data-label': 'Reason', class: 'reason', text: e.reason || '—' }),
          el('td', { 'data-label': 'Provider request id' }, e.providerRequestId ? el('code', { text: e.providerRequestId }) : '—')))))));
}

function providerSection(p) {
  const button = el('button', { type: 'button', class: 'button', id: 'refresh', text: 'Refresh from provider', disabled: !p.provider.enabled });
  button.addEventListener('click', () => refresh(button));
  const children = [
    el('p', { class: 'hint', text: `Ask ${p.provider.name} for its own view of this payment now. What it says is applied to the ledger, forward only, when it matches this payment.` }),
    button,
  ];
  if (providerView) {
    const v = providerView;
    children.push(el('dl', { class: 'details provider-view' },
      row('Provider’s status', `${v.providerStatus || '—'} (${v.authorization.toLowerCase()})`),
      row('Amount', money(v.amount, v.currency)),
      row('Captured', money(v.captured, v.currency)),
      row('Refunded', money(v.refunded, v.currency)),
      row('Voided', money(v.voided, v.currency)),
      row('Reference', v.merchantReference ? el('code', { text: v.merchantReference }) : null),
      row('Provider’s payment id', v.providerPaymentId ? el('code', { text: v.providerPaymentId }) : null),
      row('Request id', v.providerRequestId ? el('code', { text: v.providerRequestId }) : null),
      row('Asked at', dateTime(v.fetchedAt)),
      row('Outcome', v.applied ? 'Matches this payment; applied to the ledger'
        : 'Does not match this payment (reference, amount or currency); nothing was applied')));
  }
  return card('At the provider', ...children);
}

/** Refunds the provider holds for approval, with the actions the plugin may take there. */
function approvals(p) {
  if (!p.approvals) {
    return null;
  }
  const items = p.approvals.refunds.map((r) => {
    const buttons = p.approvals.actions.map((name) => {
      const button = el('button', { type: 'button', class: 'button', 'data-approval': name, 'data-code': r.code,
        text: name === 'authorise' ? 'Authorise at Felloh' : 'Decline at Felloh' });
      button.addEventListener('click', () => approve(button, name, r.code));
      return button;
    });
    return el('li', {}, el('span', { class: 'badge', text: p.approvals.label }), ' ',
      money(r.amount, p.currency), ' ', el('code', { text: r.code }), ' ', ...buttons);
  });
  return card('Refunds ' + p.approvals.label, el('ul', { class: 'approvals' }, ...items));
}

async function approve(button, name, code) {
  button.disabled = true;
  try {
    const result = await postJson(`api/payments/${encodeURIComponent(current.id)}/${name}`, { code });
    render(result.payment);
    say(name === 'authorise' ? 'Felloh was asked to pay the refund.' : 'Felloh was asked to decline the refund.', 'success', true);
  } catch (error) {
    button.disabled = false;
    say(`Felloh refused: ${sentence(error.message)}`, 'error', true);
  }
}

function render(p) {
  current = p;
  document.title = `Order ${p.orderReference} · Payments · Checkout Bridge admin`;
  fill(root,
    heading(p),
    el('div', { class: 'grid two' }, details(p), ledger(p)),
    approvals(p),
    actions(p),
    lines(p),
    history(p),
    providerSection(p));
  root.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------- actions

function collect(form) {
  const mode = form.elements.mode.value;
  const body = {
    mode,
    reason: form.elements.reason.value,
    idempotencyKey: form.elements.idempotencyKey.value,
    seen: Number(form.elements.seen.value),
  };
  if (mode === 'amount') {
    body.amount = form.elements.amount.value.trim();
  }
  if (mode === 'lines') {
    body.lines = {};
    for (const input of form.querySelectorAll('input[data-line]')) {
      if (input.value.trim()) {
        body.lines[input.dataset.line] = input.value.trim();
      }
    }
  }
  return body;
}

/** The form's inputs, to put back after the page is drawn again. */
function snapshot(form) {
  const values = [];
  for (const input of form.querySelectorAll('input, textarea')) {
    if (input.type === 'hidden') continue;
    values.push({ id: input.id, value: input.value, checked: input.checked });
  }
  return values;
}

function restore(form, values) {
  for (const v of values) {
    const input = form.querySelector(`#${CSS.escape(v.id)}`);
    if (!input) continue;
    if (input.type === 'radio') {
      input.checked = v.checked;
    } else {
      input.value = v.value;
    }
  }
  form.dispatchEvent(new Event('change'));
  const mode = form.elements.mode.value;
  const amount = form.querySelector('.amount-field');
  const lines = form.querySelector('.lines-field');
  if (amount) amount.hidden = mode !== 'amount';
  if (lines) lines.hidden = mode !== 'lines';
}

function outcome(before, after, name) {
  const fresh = after.events.filter((e) => e.sequence > before.seen);
  if (fresh.length === 0) {
    return 'Already done: this form had been sent before, nothing more was moved.';
  }
  const last = fresh[fresh.length - 1];
  const amount = last.amount === null ? '' : ` ${money(last.amount, after.currency)}`;
  switch (last.kind) {
    case 'CAPTURED': return `Captured${amount}.`;
    case 'REFUNDED': return `Refunded${amount}.`;
    case 'VOIDED': return `Voided${amount}.`;
    case 'OPERATION_ACCEPTED': return `The provider accepted the ${VERBS[name]} of${amount} and will decide later.`;
    default: return `${EVENT_LABELS[last.kind] || last.kind}${amount}.`;
  }
}

async function submit(form, name) {
  const button = form.querySelector('button[type="submit"]');
  if (button.disabled) {
    return; // already on its way: one form, one request
  }
  button.disabled = true;
  const label = button.textContent;
  button.textContent = BUSY[name];
  form.setAttribute('aria-busy', 'true');
  form.querySelector('.form-error').textContent = '';
  const before = current;
  const body = collect(form);
  try {
    const result = await postJson(`api/payments/${encodeURIComponent(before.id)}/${name}`, body);
    render(result.payment);
    say(outcome(before, result.payment, name), 'success', true);
  } catch (error) {
    const values = snapshot(form);
    try {
      render(await getJson(`api/payments/${encodeURIComponent(before.id)}`));
    } catch {
      button.disabled = false;
      button.textContent = label;
      form.removeAttribute('aria-busy');
    }
    const again = root.querySelector(`form[data-action="${name}"]`);
    if (again) {
      restore(again, values);
      again.querySelector('.form-error').textContent = sentence(error.message);
      say(`The ${VERBS[name]} was refused: ${error.message}`, 'error');
      const focusTarget = again.querySelector('input:not([type="hidden"]), textarea');
      if (focusTarget) focusTarget.focus();
    } else {
      say(`The ${VERBS[name]} was refused: ${sentence(error.message)}`, 'error', true);
    }
  }
}

async function refresh(button) {
  button.disabled = true;
  button.textContent = 'Asking the provider…';
  try {
    const result = await postJson(`api/payments/${encodeURIComponent(current.id)}/refresh`, {});
    providerView = result.providerView;
    render(result.payment);
    say(`Refreshed from ${result.payment.provider.name}.`, 'success');
    document.getElementById('refresh').focus();
  } catch (error) {
    button.disabled = false;
    button.textContent = 'Refresh from provider';
    say(`The provider could not be asked: ${sentence(error.message)}`, 'error', true);
  }
}

async function start() {
  showUser();
  if (!/^[0-9a-fA-F-]{36}$/.test(paymentId)) {
    fill(root, el('p', { class: 'message error', text: 'This address names no payment.' }));
    root.removeAttribute('aria-busy');
    return;
  }
  try {
    render(await getJson(`api/payments/${encodeURIComponent(paymentId)}`));
  } catch (error) {
    fill(root, el('p', { class: 'message error', text: sentence(error.message) }));
    root.removeAttribute('aria-busy');
  }
}

start();
