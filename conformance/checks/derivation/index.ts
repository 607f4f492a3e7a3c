// derivation: every representation of a suite satisfies every rule of "Derived suite state".
// One property per rule over generated suites (1 to 60 children, any mix); they share the
// scenarios (see scenarios/suite-flow.ts), so each rule shrinks to its own minimal suite.
// Black box: the same rules over a few Run All and batch suites.
import type { CheckContext } from '../../context.ts';
import { checkSuite, type DerivationRule } from '../../oracle/derivation.ts';
import { ruleId } from '../../oracle/rules.ts';
import { suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { forEachFlow } from '../../scenarios/suite-flow.ts';
import { createObserver } from '../observer.ts';
import type { ClauseId } from '../sources.ts';
import { fail, runsOf } from '../support.ts';
import { makeOwnSuite } from '../../discovery.ts';
import type { CheckDefinition } from '../types.ts';
import { flowRepresentations, violationsIn } from './representations.ts';
import { runsStayAsMade } from './runs-stable.ts';
import { derivationAtSizeLimits } from './limits.ts';
import { childrenEndApart } from './time.ts';

function ruleHoldsOnGeneratedSuites(rule: DerivationRule) {
  return async function ruleHolds(ctx: CheckContext): Promise<void> {
    await forEachFlow(ctx, suiteSpecArb, (flow) => {
      for (const rep of flowRepresentations(flow)) {
        const broken = checkSuite(rep.body, rep.kind).filter((v) => v.rule === rule);
        if (broken.length)
          fail(
            `${flow.label}; ${rep.label}: ${broken.map((v) => v.message).join('; ')}`,
            [rep.exchange],
            rep.operation,
            ruleId(rule),
          );
      }
    });
  };
}

/** Its own reads (the observer judges every answer of the run): the list and a suite of the run's own. */
async function readRepresentations(ctx: CheckContext): Promise<void> {
  const found = await ctx.resources();
  if (ctx.control || found.agentId || found.testIds.length) {
    const suite = await makeOwnSuite(ctx);
    await ctx.api.getTestRun(String(runsOf(suite)[0]?.id));
  }
  await ctx.api.listSuiteRuns({ limit: 50 });
}

const RULE_CHECKS: { id: string; rule: DerivationRule; clause: ClauseId; title: string }[] = [
  {
    id: 'derivation-counters',
    rule: 'counters',
    clause: 'derived-counters',
    title: 'total and the status counters count the children and add up to total',
  },
  {
    id: 'derivation-results',
    rule: 'results',
    clause: 'derived-results',
    title: 'results.passed and results.failed split the completed children by verdict',
  },
  {
    id: 'derivation-status',
    rule: 'status',
    clause: 'derived-status',
    title: 'status is running while a child is active, else cancelled, else failed, else completed',
  },
  {
    id: 'derivation-verdict',
    rule: 'verdict',
    clause: 'derived-verdict',
    title: 'verdict is null unless the suite is completed; then passed exactly when every child passed',
  },
  {
    id: 'derivation-ended-at',
    rule: 'ended-at',
    clause: 'derived-ended-at',
    title: 'ended_at is null while a child is active, else the latest child ended_at',
  },
  {
    id: 'derivation-child-fields',
    rule: 'child-fields',
    clause: 'child-fields',
    title: "a child's verdict, result, ended_at, error and started_at are set exactly in the right statuses",
  },
  {
    id: 'derivation-agent-name',
    rule: 'agent-name',
    clause: 'agent-name',
    title: 'agent_name is set on reads when agent_id is, null for batches and in creation answers',
  },
];

export const derivationChecks: CheckDefinition[] = [
  ...RULE_CHECKS.map(({ id, rule, clause, title }) => ({
    id,
    group: 'derivation' as const,
    clause,
    title,
    needs: ['creation' as const],
    property: true,
    run: ruleHoldsOnGeneratedSuites(rule),
  })),
  {
    id: 'derivation-runs-stable',
    group: 'derivation',
    clause: 'children-stable',
    title: 'children keep creation order and the given states; no operation adds, drops or reorders them',
    needs: ['state', 'creation'],
    property: true,
    run: runsStayAsMade,
  },
  {
    id: 'derivation-every-representation',
    group: 'derivation',
    clause: 'derived-state',
    title: 'every suite and test run in every answer of the run satisfies every derivation rule',
    run: readRepresentations,
    observe: (ctx) =>
      createObserver((e) => {
        if (e.status < 200 || e.status >= 300) return null;
        const found = violationsIn(ctx.contracts, e);
        return found.length
          ? {
              rule: ruleId(found[0]!.rule),
              message: `${found[0]!.label} breaks rule ${found[0]!.rule}: ${found[0]!.message}`,
            }
          : undefined;
      }),
  },
  {
    id: 'derivation-at-size-limits',
    group: 'derivation',
    clause: 'derived-state',
    title:
      "suites of the control interface's 1,000 children keep every child in order, satisfy every rule on GET, list item (counters equal to the GET's) and after a cancel",
    needs: ['control'],
    withoutControl: 'suites of chosen size and child states need it',
    run: derivationAtSizeLimits,
  },
  {
    id: 'derivation-children-end-apart',
    group: 'derivation',
    clause: 'derived-ended-at',
    title:
      "children ending at different instants, in any order: the suite ended_at is the latest child's; a later cancel stamps the children it touches with one instant after every earlier end",
    needs: ['control'],
    withoutControl: 'ending children one by one needs the worker moves of the control interface',
    run: childrenEndApart,
  },
];
