import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../contract/index.ts';
import { suiteRunArb } from '../../test/support/domain-arbitraries.ts';
import { deriveSuite } from './derive.ts';
import { presentSuite, presentSuiteWithRuns, presentTestRun, type NameLookup } from './present.ts';

const names: NameLookup = { testName: (id) => `Test ${id.slice(-4)}`, agentName: (id) => `Agent ${id.slice(-4)}` };
let contract: Contract;

beforeAll(async () => {
  contract = await loadContract();
});

describe('representations', () => {
  it('every suite representation of a random child mix matches the spec schemas', () => {
    const withRuns = contract.schema('AgentTestSuiteRunWithRuns');
    const item = contract.schema('AgentTestSuiteRun');
    const run = contract.schema('AgentTestRun');
    fc.assert(
      fc.property(suiteRunArb(12), (suite) => {
        const derived = deriveSuite(suite.runs);
        const full = presentSuiteWithRuns(suite, derived, names);
        expect(withRuns(full), JSON.stringify(withRuns.errors)).toBe(true);
        expect(item(presentSuite(suite, derived, null)), JSON.stringify(item.errors)).toBe(true);
        for (const child of suite.runs) expect(run(presentTestRun(child)), JSON.stringify(run.errors)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('writes every nullable field out and adds error only on failed runs', () => {
    fc.assert(
      fc.property(suiteRunArb(8), (suite) => {
        for (const child of presentSuiteWithRuns(suite, deriveSuite(suite.runs), names).runs) {
          for (const key of ['verdict', 'started_at', 'ended_at', 'result']) expect(child).toHaveProperty(key);
          expect('error' in child).toBe(child.status === 'failed');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('reads names through the lookup, and agent_name is null for a suite without agent', () => {
    fc.assert(
      fc.property(suiteRunArb(4), (suite) => {
        const full = presentSuiteWithRuns(suite, deriveSuite(suite.runs), names);
        expect(full.agent_name).toBe(names.agentName(suite.agent_id!));
        full.runs.forEach((child, i) => {
          expect(child.test_name).toBe(names.testName(suite.runs[i]!.test_id));
        });
        const batch = presentSuiteWithRuns(
          { ...suite, agent_id: null, trigger: 'batch' },
          deriveSuite(suite.runs),
          names,
        );
        expect(batch.agent_name).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
