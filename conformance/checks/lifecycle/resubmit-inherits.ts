// Resubmit inherits the parent's settings: a Run All with a config_override, every child failed
// by the control interface acting as the worker, then resubmitted. The new suite (its answer and
// its GET) carries the parent's agent_id, config_override and flow_version_id.
import type { CheckContext } from '../../context.ts';
import type { Exchange } from '../../http/exchange.ts';
import { setupStep } from '../../errors.ts';
import { isRec } from '../../oracle/derivation.ts';
import { differences } from '../../oracle/equal.ts';
import { expectStatus, fail, runsOf, scenario, suiteBody, type Rec } from '../support.ts';

/** The override the check sends: fields of TestRunConfigOverride a target must keep as given. */
const OVERRIDE = { model: 'suiterun-kit-check', prompt: 'suiterun-kit conformance: a resubmit keeps this override' };
const ERROR = 'failed by suiterun-kit to test resubmit';

/**
 * Moves one child to `failed` as a worker would (pending -> failed, or running -> failed when a
 * worker of the target started it first). A child the target's worker already ended stays as it is.
 */
async function failChild(ctx: CheckContext, runId: string): Promise<void> {
  const first = await ctx.control!.advance(runId, { to: 'failed', error: ERROR });
  if (first.status === 200) return;
  expectStatus(first, 409, `moving child ${runId} to failed`, 'controlAdvanceRun');
  const read = await ctx.api.getTestRun(runId);
  const run = expectStatus(read, 200, `GET of child ${runId} after a 409 to its move`, 'getTestRun');
  if (run.status !== 'running') return;
  const again = await ctx.control!.advance(runId, { to: 'failed', error: ERROR });
  expectStatus(again, 200, `moving running child ${runId} to failed`, 'controlAdvanceRun');
}

function expectInherited(what: string, child: Rec, parent: Rec, exchanges: Exchange[]): void {
  const same: [string, unknown, unknown][] = [
    ['trigger', child.trigger, 'resubmit'],
    ['parent_suite_run_id', child.parent_suite_run_id, parent.id],
    ['agent_id', child.agent_id ?? null, parent.agent_id ?? null],
    ['flow_version_id', child.flow_version_id ?? null, parent.flow_version_id ?? null],
  ];
  for (const [field, value, wanted] of same) {
    if (value !== wanted)
      fail(
        `${what}: ${field} is ${JSON.stringify(value)}, the parent's is ${JSON.stringify(wanted)}`,
        exchanges,
        'resubmitSuiteRun',
      );
  }
  const override = differences(child.config_override ?? null, parent.config_override ?? null);
  if (override.length)
    fail(`${what}: config_override differs from the parent's: ${override.join('; ')}`, exchanges, 'resubmitSuiteRun');
}

export async function resubmitInheritsSettings(ctx: CheckContext): Promise<void> {
  const { agentId } = await ctx.resources();
  await scenario(ctx, async () => {
    const runAll = await ctx.api.runAllTests(agentId!, { config_override: OVERRIDE });
    const queued = await setupStep('a Run All to be the parent', async () =>
      expectStatus(runAll, 202, `Run All on ${agentId} with a config_override`, 'runAllTests'),
    );
    if (!isRec(queued.suite_run))
      return ctx.skip(`the agent ${agentId} has no tests: pass an --agent-id that has some`);
    const parentId = String(queued.suite_run.id);
    ctx.own.add(parentId);

    await setupStep('failing its children as a worker would', async () => {
      for (const run of runsOf(queued)) await failChild(ctx, String(run.id));
    });

    const parentEx = await ctx.api.getSuiteRun(parentId);
    const parent = suiteBody(parentEx, 200, 'GET of the Run All suite after its children ended', 'getSuiteRun');
    // Without the override on the parent, "inherits" would hold vacuously.
    const kept = differences(parent.config_override ?? null, OVERRIDE);
    if (kept.length)
      fail(
        `the Run All suite does not keep the config_override it was given: ${kept.join('; ')}`,
        [runAll, parentEx],
        'runAllTests',
      );
    if ((parent.flow_version_id ?? null) !== null)
      fail(
        `the Run All suite reads flow_version_id ${JSON.stringify(parent.flow_version_id)}; none was given`,
        [runAll, parentEx],
        'runAllTests',
      );
    if (!runsOf(parent).some((r) => r.status === 'failed' || (r.status === 'completed' && r.verdict === 'failed'))) {
      return ctx.skip("the target's workers passed every child before the kit could fail one: nothing to resubmit");
    }

    const resubmitEx = await ctx.api.resubmitSuiteRun(parentId);
    const answer = suiteBody(resubmitEx, 202, `resubmit of ${parentId}`, 'resubmitSuiteRun');
    ctx.own.add(String(answer.id));
    expectInherited(`the resubmit answer of ${parentId}`, answer, parent, [parentEx, resubmitEx]);
    const readEx = await ctx.api.getSuiteRun(String(answer.id));
    const read = suiteBody(readEx, 200, 'GET of the resubmitted suite', 'getSuiteRun');
    expectInherited(`the resubmitted suite ${String(answer.id)} read with GET`, read, parent, [parentEx, readEx]);
  });
}
