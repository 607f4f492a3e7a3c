// notfound: well-formed unknown ids and malformed ids are 404 (never 400, never 500) on every
// lookup, and a 404 cancel or resubmit makes nothing.
import type { PathIds } from '../../api.ts';
import { OPERATIONS } from '../../api.ts';
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import { isRec } from '../../oracle/derivation.ts';
import { expectError, expectStatus, fail } from '../support.ts';
import type { CheckDefinition } from '../types.ts';
import { malformedVariants, unknownIds } from './ids.ts';

/**
 * The not-found codes each kind of path id's operations document (spec/openapi.yaml, CONTRACT.md
 * "Wire basics"): `not_found`, and for a test or an agent the operation's own code. Any of them
 * answers an unknown or a malformed id; the reference server uses the own code for unknown ids
 * and `not_found` for malformed ones, but the contract leaves the choice to the implementation.
 */
export const NOT_FOUND_CODES: Record<keyof PathIds, string[]> = {
  suiteRunId: ['not_found'],
  testRunId: ['not_found'],
  testId: ['not_found', 'agent_test_not_found'],
  agentId: ['not_found', 'agent_not_found'],
};

async function notfoundUnknownIds(ctx: CheckContext): Promise<void> {
  const unknown = unknownIds();
  for (const op of OPERATIONS) {
    if (!op.lookup) continue;
    const exchange = await op.send(ctx.api, unknown);
    expectError(
      exchange,
      404,
      NOT_FOUND_CODES[op.lookup],
      `${op.operationId} of the unknown ${op.lookup} ${unknown[op.lookup]}`,
      op.operationId,
    );
  }
}

async function notfoundMalformedIds(ctx: CheckContext): Promise<void> {
  const own = await ownIds(ctx);
  const unknown = unknownIds();
  for (const op of OPERATIONS) {
    if (!op.lookup) continue;
    // Variants of an id the target has (a lookup that ignores case would find it) and of an unknown one.
    const sources =
      op.lookup === 'suiteRunId' || op.lookup === 'testRunId' ? [own[op.lookup], unknown[op.lookup]] : [own[op.lookup]];
    for (const source of sources) {
      for (const variant of malformedVariants(source)) {
        // A stateless target answers every id of the right pattern with an example, so it can
        // only be held to the variants the pattern itself rejects.
        if (variant.patternValid && ctx.profile === 'stateless') continue;
        const ids = { ...own, [op.lookup]: variant.value };
        const exchange = await op.send(ctx.api, ids);
        expectError(
          exchange,
          404,
          NOT_FOUND_CODES[op.lookup],
          `${op.operationId} of a malformed ${op.lookup} (${variant.label}: ${variant.value})`,
          op.operationId,
        );
      }
    }
  }
}

async function notfoundCancelCreatesNothing(ctx: CheckContext): Promise<void> {
  const { suiteRunId, testRunId } = unknownIds();
  const cancel = await ctx.api.cancelSuiteRun(suiteRunId);
  expectError(cancel, 404, ['not_found'], 'cancel of an unknown suite run', 'cancelSuiteRun');
  expectError(
    await ctx.api.getSuiteRun(suiteRunId),
    404,
    ['not_found'],
    'GET of the unknown suite run after a 404 cancel of it',
    'getSuiteRun',
  );
  expectError(
    await ctx.api.resubmitSuiteRun(suiteRunId),
    404,
    ['not_found'],
    'resubmit of an unknown suite run',
    'resubmitSuiteRun',
  );
  expectError(
    await ctx.api.cancelTestRun(testRunId),
    404,
    ['not_found'],
    'cancel of an unknown test run',
    'cancelTestRun',
  );
  expectError(
    await ctx.api.getTestRun(testRunId),
    404,
    ['not_found'],
    'GET of the unknown test run after a 404 cancel of it',
    'getTestRun',
  );
  const list = await ctx.api.listSuiteRuns({ limit: 50 });
  const page = expectStatus(list, 200, 'the list after 404 cancels and resubmits', 'listSuiteRuns');
  const made = (Array.isArray(page.suite_runs) ? page.suite_runs.filter(isRec) : []).find(
    (s) => s.id === suiteRunId || s.parent_suite_run_id === suiteRunId,
  );
  if (made)
    fail(`a 404 cancel or resubmit of ${suiteRunId} made a suite run: ${String(made.id)}`, [list], 'resubmitSuiteRun');
}

export const notfoundChecks: CheckDefinition[] = [
  {
    id: 'notfound-unknown-ids',
    group: 'notfound',
    clause: 'not-found',
    title: 'a well-formed id that names nothing is 404 with a not-found code of the operation on every lookup',
    needs: ['state'],
    run: notfoundUnknownIds,
  },
  {
    id: 'notfound-malformed-ids',
    group: 'notfound',
    clause: 'malformed-path-id',
    title:
      'a malformed id (case, I/L/O/U, 25 or 27 characters, wrong prefix, UUID, encoded slash or dots) is 404 with a not-found code of the operation, never 400 or 500',
    run: notfoundMalformedIds,
  },
  {
    id: 'notfound-cancel-creates-nothing',
    group: 'notfound',
    clause: 'not-found',
    title: 'a 404 cancel or resubmit makes nothing',
    needs: ['state'],
    run: notfoundCancelCreatesNothing,
  },
];
