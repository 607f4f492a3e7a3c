// A small front end that knows nothing of mocks: it lists the workspace's suite runs and cancels
// one. The only mock is the service worker that setupWorker starts with suiterun-kit/msw's
// handlers; api.suiterun.test does not exist, so every answer comes from the handlers.
import { setupWorker } from 'msw/browser';
import { createSuiteRunHandlers } from '../../../src/msw/index.ts';

const API = 'https://api.suiterun.test';
const headers = { Authorization: 'Bearer sk_test_alpha' };

interface SuiteRun {
  id: string;
  status: string;
}

async function render(): Promise<void> {
  const answer = await fetch(`${API}/v1/agents/tests/suite-runs?limit=200`, { headers });
  const page = (await answer.json()) as { suite_runs: SuiteRun[] };
  const rows = page.suite_runs.map((suite) => {
    const row = document.createElement('li');
    row.dataset.id = suite.id;
    row.dataset.status = suite.status;
    row.textContent = `${suite.id} ${suite.status} `;
    const cancel = document.createElement('button');
    cancel.textContent = 'cancel';
    cancel.addEventListener('click', () => void cancelSuite(suite.id));
    row.append(cancel);
    return row;
  });
  document.querySelector('#runs')!.replaceChildren(...rows);
  document.body.dataset.requestId = answer.headers.get('Speechify-Request-Id') ?? '';
}

async function cancelSuite(id: string): Promise<void> {
  const answer = await fetch(`${API}/v1/agents/tests/suite-runs/${id}/cancel`, { method: 'POST', headers });
  document.body.dataset.cancelStatus = String(answer.status);
  await render();
}

const { handlers } = createSuiteRunHandlers({ baseUrl: API });
await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
await render();
document.body.dataset.ready = 'true';
