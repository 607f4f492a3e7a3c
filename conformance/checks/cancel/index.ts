// cancel: pending and running children become cancelled at one instant, terminal children are
// unchanged in every field, the answer equals the following GET, a child cancel re-derives.
import type { CheckContext } from '../../context.ts';
import { checkCancel, type CancelRule } from '../../oracle/cancel.ts';
import { differences } from '../../oracle/equal.ts';
import { ruleId } from '../../oracle/rules.ts';
import { suiteSpecArb } from '../../scenarios/arbitraries.ts';
import { forEachFlow, SUITE_FLOW, suiteFlow } from '../../scenarios/suite-flow.ts';
import type { ClauseId } from '../sources.ts';
import { fail } from '../support.ts';
import type { CheckDefinition } from '../types.ts';
import { cancelBlackBoxRaceTolerant } from './black-box.ts';
import { cancelOneChildRederivesSuite } from './one-child.ts';

function cancelRuleHolds(rule: CancelRule) {
  return async function cancelRule(ctx: CheckContext): Promise<void> {
    await ctx.property(
      suiteSpecArb,
      async (spec) => {
        const flow = await suiteFlow(ctx, spec);
        for (const [label, after, exchange] of [
          ['the cancel answer', flow.cancel1, flow.ex.cancel1],
          ['GET after the cancel', flow.after1, flow.ex.after1],
        ] as const) {
          const broken = checkCancel(flow.before, after).filter((v) => v.rule === rule);
          if (broken.length)
            fail(
              `${flow.label}; ${label}: ${broken.map((v) => v.message).join('; ')}`,
              [flow.ex.before, exchange],
              'cancelSuiteRun',
              ruleId(rule),
            );
        }
      },
      { scenario: SUITE_FLOW },
    );
  };
}

async function cancelAnswerEqualsGet(ctx: CheckContext): Promise<void> {
  await forEachFlow(ctx, suiteSpecArb, (flow) => {
    const first = differences(flow.cancel1, flow.after1);
    if (first.length)
      fail(
        `${flow.label}: the cancel answer differs from the GET right after it: ${first.join('; ')}`,
        [flow.ex.cancel1, flow.ex.after1],
        'cancelSuiteRun',
      );
    const second = differences(flow.cancel2, flow.after2);
    if (second.length)
      fail(
        `${flow.label}: the second cancel answer differs from the GET right after it: ${second.join('; ')}`,
        [flow.ex.cancel2, flow.ex.after2],
        'cancelSuiteRun',
      );
  });
}

const RULES: { id: string; rule: CancelRule; clause: ClauseId; title: string }[] = [
  {
    id: 'cancel-cancels-active-children',
    rule: 'active-cancelled',
    clause: 'cancel-children',
    title: 'every pending or running child becomes cancelled: ended_at set, verdict and result null, started_at kept',
  },
  {
    id: 'cancel-leaves-terminal-children',
    rule: 'terminal-unchanged',
    clause: 'cancel-children',
    title: 'a child completed, failed or cancelled before the cancel is unchanged in every field',
  },
  {
    id: 'cancel-shared-instant',
    rule: 'one-instant',
    clause: 'cancel-instant',
    title: 'the children one cancel touches all get the same ended_at instant',
  },
  {
    id: 'cancel-suite-reads-cancelled',
    rule: 'suite-cancelled',
    clause: 'cancel-rederives',
    title: 'a suite with children to cancel reads cancelled after the cancel',
  },
];

export const cancelChecks: CheckDefinition[] = [
  ...RULES.map(({ id, rule, clause, title }) => ({
    id,
    group: 'cancel' as const,
    clause,
    title,
    needs: ['control' as const],
    withoutControl:
      'its workers may move children during the cancel; cancel-black-box-race-tolerant checks the race-tolerant form',
    property: true,
    run: cancelRuleHolds(rule),
  })),
  {
    id: 'cancel-answer-equals-get',
    group: 'cancel',
    clause: 'cancel-answer',
    title: 'the cancel answer equals what a GET returns right after it',
    needs: ['state', 'creation'],
    property: true,
    run: cancelAnswerEqualsGet,
  },
  {
    id: 'cancel-one-child-rederives-suite',
    group: 'cancel',
    clause: 'cancel-one-child',
    title: 'cancelling one child follows the cancel rules for it, leaves its siblings alone and re-derives the suite',
    needs: ['control'],
    withoutControl: 'the strict form needs children that stay put; the black box has no such guarantee',
    property: true,
    run: cancelOneChildRederivesSuite,
  },
  {
    id: 'cancel-black-box-race-tolerant',
    group: 'cancel',
    clause: 'cancel-children',
    title:
      'on suites made by Run All or batch: children terminal before the cancel are unchanged, the rest end cancelled or terminal, the answer equals the next GET',
    needs: ['state', 'creation'],
    run: cancelBlackBoxRaceTolerant,
  },
];
