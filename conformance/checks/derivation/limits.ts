// Suites at the control interface's limit of 1,000 children, always (the generated suites reach
// it in only some runs): the children are all there, in order, as made; every derivation rule
// holds on the GET, on the list item (whose counters equal the GET's) and after a cancel, which
// follows the cancel rules for every one of the thousand.
import type { CheckContext } from '../../context.ts';
import type { ChildSpec } from '../../control.ts';
import { checkCancel } from '../../oracle/cancel.ts';
import type { Exchange } from '../../http/exchange.ts';
import { checkSuite, isRec } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { MAX_CHILDREN } from '../../scenarios/arbitraries.ts';
import { failRule } from '../rule-failure.ts';
import { expectStatus, runsOf, scenario, suiteBody } from '../support.ts';

const PASSED: ChildSpec = { status: 'completed', verdict: 'passed' };
const EVERY_STATUS: ChildSpec[] = [
  { status: 'pending' },
  { status: 'running' },
  PASSED,
  { status: 'completed', verdict: 'failed' },
  { status: 'failed' },
  { status: 'cancelled' },
];
const TERMINAL: ChildSpec[] = [
  PASSED,
  { status: 'completed', verdict: 'failed' },
  { status: 'failed' },
  { status: 'cancelled' },
  PASSED,
];

const SUITES: { label: string; pattern: ChildSpec[] }[] = [
  // The active children sit at the end too, past any first 100, 255 or 500.
  { label: `${MAX_CHILDREN} children of every status`, pattern: EVERY_STATUS },
  { label: `${MAX_CHILDREN} terminal children`, pattern: TERMINAL },
  { label: `${MAX_CHILDREN} passed children`, pattern: [PASSED] },
];

const COUNTERS = [
  'total',
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
  'status',
  'verdict',
  'ended_at',
] as const;

function judge(
  what: string,
  body: unknown,
  kind: 'with-runs' | 'list-item',
  exchange: Exchange[],
  operation: string,
): void {
  const broken = checkSuite(body, kind);
  if (broken.length)
    failRule(
      broken[0]!.rule,
      `${what}: ${broken
        .slice(0, 3)
        .map((v) => v.message)
        .join('; ')}`,
      exchange,
      operation,
    );
}

async function suiteAtLimit(ctx: CheckContext, label: string, pattern: ChildSpec[]): Promise<void> {
  const children = Array.from({ length: MAX_CHILDREN }, (_, i) => pattern[i % pattern.length]!);
  const made = await ctx.control!.createSuite({ children });
  const created = suiteBody(made, 201, `the control interface made no suite of ${label}`, 'controlCreateSuiteRun');
  const id = String(created.id);
  ctx.own.add(id);
  const getEx = await ctx.api.getSuiteRun(id);
  const suite = suiteBody(getEx, 200, `GET of a suite of ${label}`, 'getSuiteRun');
  const runs = runsOf(suite);
  if (runs.length !== MAX_CHILDREN)
    failRule('children-count', `GET of a suite of ${label} shows ${runs.length} children`, [getEx], 'getSuiteRun');
  const wrong = runs.findIndex((run, i) => run.id !== runsOf(created)[i]?.id || run.status !== children[i]!.status);
  if (wrong >= 0)
    failRule(
      'children-as-made',
      `GET of a suite of ${label}: child ${wrong} is ${String(runs[wrong]!.id)} ${String(runs[wrong]!.status)}, made as ${String(runsOf(created)[wrong]?.id)} ${children[wrong]!.status}`,
      [made, getEx],
      'getSuiteRun',
    );
  judge(`GET of a suite of ${label}`, suite, 'with-runs', [getEx], 'getSuiteRun');

  const agent = typeof suite.agent_id === 'string' ? suite.agent_id : undefined;
  const listEx = await ctx.api.listSuiteRuns({ ...(agent ? { agent_id: agent } : {}), limit: 20 });
  const page = expectStatus(listEx, 200, 'the list right after', 'listSuiteRuns');
  const item = (Array.isArray(page.suite_runs) ? page.suite_runs.filter(isRec) : []).find((s) => s.id === id);
  if (item) {
    judge(`the list item of a suite of ${label}`, item, 'list-item', [listEx], 'listSuiteRuns');
    const diff = COUNTERS.filter((field) => differences(suite[field] ?? null, item[field] ?? null, field).length > 0);
    const results = differences(suite.results ?? null, item.results ?? null, 'results');
    if (diff.length || results.length) {
      failRule(
        'list-item-counters',
        `the list item of a suite of ${label} differs from its GET in ${[...diff, ...(results.length ? ['results'] : [])].map((f) => `${f} (${JSON.stringify(item[f])} vs ${JSON.stringify(suite[f])})`).join(', ')}`,
        [getEx, listEx],
        'listSuiteRuns',
      );
    }
  } else
    ctx.notes.push(
      `derivation-at-size-limits: the suite of ${label} was not on the first page of its list (other suites made meanwhile)`,
    );

  if (!pattern.some((c) => c.status === 'pending' || c.status === 'running')) return;
  const cancelEx = await ctx.api.cancelSuiteRun(id);
  const cancelled = suiteBody(cancelEx, 200, `cancel of a suite of ${label}`, 'cancelSuiteRun');
  const rules = checkCancel(suite, cancelled);
  if (rules.length)
    failRule(
      rules[0]!.rule,
      `cancel of a suite of ${label}: ${rules
        .slice(0, 3)
        .map((v) => v.message)
        .join('; ')}`,
      [getEx, cancelEx],
      'cancelSuiteRun',
    );
  judge(`cancel of a suite of ${label}`, cancelled, 'with-runs', [cancelEx], 'cancelSuiteRun');
  const afterEx = await ctx.api.getSuiteRun(id);
  const after = differences(
    cancelled,
    suiteBody(afterEx, 200, `GET after the cancel of a suite of ${label}`, 'getSuiteRun'),
  );
  if (after.length)
    failRule(
      'cancel-answer',
      `cancel of a suite of ${label}: the GET right after differs: ${after.slice(0, 3).join('; ')}`,
      [cancelEx, afterEx],
      'cancelSuiteRun',
    );
}

export async function derivationAtSizeLimits(ctx: CheckContext): Promise<void> {
  for (const { label, pattern } of SUITES) await scenario(ctx, () => suiteAtLimit(ctx, label, pattern));
}
