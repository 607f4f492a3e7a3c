// Resubmit: a new suite of the parent's failed tests, in order, linked to the parent; 400 when
// there is nothing to re-run, 409 while the parent runs; the parent never changes.
import fc from 'fast-check';
import type { CheckContext } from '../../context.ts';
import type { ChildSpec, SuiteSpec } from '../../control.ts';
import { differences } from '../../oracle/equal.ts';
import { activeSuiteSpecArb, describeSpec, terminalChildArb } from '../../scenarios/arbitraries.ts';
import { expectError, fail, runsOf, scenario, suiteBody, madeSuite } from '../support.ts';
import { makeOwnSuite } from '../../discovery.ts';
import { isRec } from '../../oracle/derivation.ts';

const rerunnable = (c: ChildSpec) => c.status === 'failed' || (c.status === 'completed' && c.verdict === 'failed');

const trigger = fc.constantFrom<'run_all' | 'batch'>('run_all', 'batch');
/** Terminal parents with at least one child to re-run. */
const failedParentArb: fc.Arbitrary<SuiteSpec> = fc.record({
  trigger,
  children: fc.array(terminalChildArb, { minLength: 1, maxLength: 30 }).filter((cs) => cs.some(rerunnable)),
});
/** Terminal parents with nothing to re-run. */
const cleanParentArb: fc.Arbitrary<SuiteSpec> = fc.record({
  trigger,
  children: fc.array(terminalChildArb, { minLength: 1, maxLength: 30 }).filter((cs) => !cs.some(rerunnable)),
});

async function makeParent(ctx: CheckContext, spec: SuiteSpec) {
  const made = await ctx.control!.createSuite(spec);
  const parent = madeSuite(made);
  ctx.own.add(String(parent.id));
  return { parent, made };
}

export async function resubmitAnswer(ctx: CheckContext): Promise<void> {
  await ctx.property(failedParentArb, async (spec) => {
    const what = `resubmit of a ${describeSpec(spec)}`;
    const { parent, made } = await makeParent(ctx, spec);
    const exchange = await ctx.api.resubmitSuiteRun(String(parent.id));
    const child = suiteBody(exchange, 202, what, 'resubmitSuiteRun');
    ctx.own.add(String(child.id));
    const expected = runsOf(parent).filter(
      (r) => r.status === 'failed' || (r.status === 'completed' && r.verdict === 'failed'),
    );
    const runs = runsOf(child);
    const got = runs.map((r) => r.test_id).join(',');
    const want = expected.map((r) => r.test_id).join(',');
    if (got !== want)
      fail(
        `${what}: the new suite re-runs tests [${got}]; the parent's failed ones, in order, are [${want}]`,
        [made, exchange],
        'resubmitSuiteRun',
      );
    runs.forEach((run, i) => {
      if (run.status !== 'pending' || run.id === expected[i]?.id)
        fail(
          `${what}: runs[${i}] is not a new pending run (${JSON.stringify(run.status)}, ${String(run.id)})`,
          [exchange],
          'resubmitSuiteRun',
        );
    });
    const same: [string, unknown, unknown][] = [
      ['trigger', child.trigger, 'resubmit'],
      ['parent_suite_run_id', child.parent_suite_run_id, parent.id],
      ['agent_id', child.agent_id ?? null, parent.agent_id ?? null],
      ['flow_version_id', child.flow_version_id ?? null, parent.flow_version_id ?? null],
    ];
    // A creation response: agent_name is null even though agent_id is set; a read resolves it.
    same.push(['agent_name', child.agent_name ?? null, null]);
    for (const [field, value, wanted] of same)
      if (value !== wanted)
        fail(
          `${what}: ${field} is ${JSON.stringify(value)}, expected ${JSON.stringify(wanted)}`,
          [made, exchange],
          'resubmitSuiteRun',
        );
    const override = differences(child.config_override ?? null, parent.config_override ?? null);
    if (override.length)
      fail(
        `${what}: config_override differs from the parent's: ${override.join('; ')}`,
        [made, exchange],
        'resubmitSuiteRun',
      );
    const again = await ctx.api.getSuiteRun(String(parent.id));
    const diff = differences(parent, suiteBody(again, 200, 'GET of the parent after the resubmit', 'getSuiteRun'));
    if (diff.length) fail(`${what}: the parent changed: ${diff.join('; ')}`, [made, again], 'resubmitSuiteRun');
  });
}

/** Black box: a Run All / batch suite this run cancelled is terminal; resubmit follows its children. */
async function resubmitCancelledBlackBox(ctx: CheckContext): Promise<void> {
  await scenario(ctx, async () => {
    const made = await makeOwnSuite(ctx);
    const cancelEx = await ctx.api.cancelSuiteRun(String(made.id));
    const cancelled = suiteBody(cancelEx, 200, 'cancel of a suite the run made', 'cancelSuiteRun');
    const failures = runsOf(cancelled).filter(
      (r) => r.status === 'failed' || (r.status === 'completed' && r.verdict === 'failed'),
    );
    const resubmit = await ctx.api.resubmitSuiteRun(String(made.id));
    if (!failures.length)
      return expectError(
        resubmit,
        400,
        ['bad_request'],
        'resubmit of a cancelled suite with nothing failed',
        'resubmitSuiteRun',
      );
    const child = suiteBody(resubmit, 202, 'resubmit of a cancelled suite with failures', 'resubmitSuiteRun');
    ctx.own.add(String(child.id));
    const got = runsOf(child)
      .map((r) => r.test_id)
      .join(',');
    const want = failures.map((r) => r.test_id).join(',');
    if (got !== want)
      fail(
        `resubmit re-runs tests [${got}]; the parent's failed ones are [${want}]`,
        [cancelEx, resubmit],
        'resubmitSuiteRun',
      );
  });
}

/**
 * Black box: a fresh Run All / batch suite is still running (unless its workers were faster: then nothing is
 * concluded).
 */
async function resubmitRunningBlackBox(ctx: CheckContext): Promise<void> {
  await scenario(ctx, async () => {
    const made = await makeOwnSuite(ctx);
    if (made.status !== 'running') return;
    const resubmit = await ctx.api.resubmitSuiteRun(String(made.id));
    if (resubmit.status === 409)
      return expectError(resubmit, 409, ['conflict'], 'resubmit of a suite still running', 'resubmitSuiteRun');
    const again = await ctx.api.getSuiteRun(String(made.id));
    if (isRec(again.json) && again.json.status !== 'running') return;
    fail(
      `resubmit of a suite still running answered ${resubmit.status}; expected 409 conflict`,
      [resubmit, again],
      'resubmitSuiteRun',
    );
  });
}

export async function resubmitNothingToRerun(ctx: CheckContext): Promise<void> {
  if (!ctx.control) return resubmitCancelledBlackBox(ctx);
  await ctx.property(
    cleanParentArb,
    async (spec) => {
      const { parent } = await makeParent(ctx, spec);
      expectError(
        await ctx.api.resubmitSuiteRun(String(parent.id)),
        400,
        ['bad_request'],
        `resubmit of a ${describeSpec(spec)} (nothing failed)`,
        'resubmitSuiteRun',
      );
    },
    { runs: Math.min(ctx.options.runs, 25) },
  );
}

export async function resubmitNotTerminal(ctx: CheckContext): Promise<void> {
  if (!ctx.control) return resubmitRunningBlackBox(ctx);
  await ctx.property(
    activeSuiteSpecArb,
    async (spec) => {
      const { parent } = await makeParent(ctx, spec);
      expectError(
        await ctx.api.resubmitSuiteRun(String(parent.id)),
        409,
        ['conflict'],
        `resubmit of a ${describeSpec(spec)} (still running)`,
        'resubmitSuiteRun',
      );
    },
    { runs: Math.min(ctx.options.runs, 25) },
  );
}
