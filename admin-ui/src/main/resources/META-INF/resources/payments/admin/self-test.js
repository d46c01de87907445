// The providers' self-test: one line per enabled provider, run when the admin asks.
import { el, fill, getJson, showUser } from './admin.js';

const run = document.getElementById('run');
const tbody = document.querySelector('#results tbody');
const message = document.getElementById('message');
const LABELS = { OK: 'OK', FAILED: 'Failed', NOT_CHECKED: 'Not checked' };

function row(line) {
  return el('tr', { class: line.status === 'FAILED' ? 'failed' : undefined },
    el('td', { text: line.name }),
    el('td', { text: LABELS[line.status] ?? line.status }),
    el('td', { text: line.code ? `${line.detail} (${line.code})` : line.detail }),
    el('td', { text: line.requestId ?? '' }),
    el('td', { class: 'num', text: `${line.millis} ms` }));
}

async function test() {
  run.disabled = true;
  message.textContent = 'Asking each provider…';
  message.classList.remove('error');
  try {
    const answer = await getJson('api/self-test');
    fill(tbody, answer.providers.map(row));
    const failed = answer.providers.filter((p) => p.status === 'FAILED').length;
    message.textContent = failed === 0 ? 'Every provider answered.'
      : `${failed} provider${failed === 1 ? '' : 's'} failed: payments through ${failed === 1 ? 'it' : 'them'} will fail.`;
    message.classList.toggle('error', failed > 0);
  } catch (error) {
    message.textContent = error.message;
    message.classList.add('error');
  } finally {
    run.disabled = false;
  }
}

run.addEventListener('click', test);
showUser();
test();
