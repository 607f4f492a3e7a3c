// lifecycle: what Run All, batch, run-one-test and resubmit answer, the list, and the
// model-based sequences over all of it.
import { modelBasedSequences } from '../../model/sequences.ts';
import type { CheckDefinition } from '../types.ts';
import { testRunMatchesSuiteChild } from './child-runs.ts';
import { batchAnswer, batchRejectsBadEntries, runAllAnswer, runTestAnswer } from './creation.ts';
import { listOrderAndPagination, listRejectsBadParameters } from './list.ts';
import { batchAtLimits } from './limits.ts';
import { listPageSeams } from './seams.ts';
import { resubmitAnswer, resubmitNotTerminal, resubmitNothingToRerun } from './resubmit.ts';
import { resubmitInheritsSettings } from './resubmit-inherits.ts';

export const lifecycleChecks: CheckDefinition[] = [
  {
    id: 'lifecycle-run-all-answer',
    group: 'lifecycle',
    clause: 'run-all',
    title: 'Run All queues every test as pending runs in a run_all suite of the agent (agent_name null in the answer)',
    needs: ['state', 'agent'],
    run: runAllAnswer,
  },
  {
    id: 'lifecycle-batch-answer',
    group: 'lifecycle',
    clause: 'batch',
    title: 'a batch queues one run per entry, in order, in a batch suite without agent',
    needs: ['state', 'tests'],
    run: batchAnswer,
  },
  {
    id: 'lifecycle-batch-rejects-bad-entries',
    group: 'lifecycle',
    clause: 'batch',
    title:
      'a batch with no entries, 101 entries or an unknown test is 400, naming the entry in fields (in any path syntax)',
    needs: ['state', 'tests'],
    run: batchRejectsBadEntries,
  },
  {
    id: 'lifecycle-run-test-answer',
    group: 'lifecycle',
    clause: 'run-test',
    title:
      "running one test queues a pending run, readable alone and in the test's runs, on whichever page newest first puts it",
    needs: ['state', 'tests'],
    run: runTestAnswer,
  },
  {
    id: 'lifecycle-resubmit-answer',
    group: 'lifecycle',
    clause: 'resubmit',
    title:
      "resubmit re-runs exactly the parent's failed tests, in order, linked to the parent, which stays unchanged; its answer has agent_name null",
    needs: ['control'],
    withoutControl:
      'a parent with chosen failures cannot be made without it (lifecycle-resubmit-nothing-to-rerun resubmits a cancelled suite instead)',
    property: true,
    run: resubmitAnswer,
  },
  {
    id: 'lifecycle-resubmit-inherits',
    group: 'lifecycle',
    clause: 'resubmit',
    title:
      "a resubmit of a Run All with a config_override keeps the parent's agent_id, config_override and flow_version_id",
    needs: ['control', 'agent'],
    withoutControl:
      'the children of a Run All must be failed by the kit acting as the worker before the suite can be resubmitted (lifecycle-resubmit-nothing-to-rerun resubmits a cancelled suite instead)',
    run: resubmitInheritsSettings,
  },
  {
    id: 'lifecycle-resubmit-nothing-to-rerun',
    group: 'lifecycle',
    clause: 'resubmit',
    title: 'resubmit of a terminal suite without failures is 400 bad_request',
    needs: ['state', 'creation'],
    property: true,
    run: resubmitNothingToRerun,
  },
  {
    id: 'lifecycle-resubmit-not-terminal',
    group: 'lifecycle',
    clause: 'resubmit-not-terminal',
    title: 'resubmit of a suite still running is 409 conflict',
    needs: ['state', 'creation'],
    property: true,
    run: resubmitNotTerminal,
  },
  {
    id: 'lifecycle-list-order-and-pagination',
    group: 'lifecycle',
    clause: 'list-order',
    exclusive: true,
    title:
      'the list is newest first by the created_at it shows; pages neither overlap nor skip; has_more comes with a next_cursor; agent_id filters',
    needs: ['state', 'creation'],
    run: listOrderAndPagination,
  },
  {
    id: 'lifecycle-list-rejects-bad-parameters',
    group: 'lifecycle',
    clause: 'list-parameters',
    title: 'a limit outside 1..200 or a cursor never issued is 400 (validation_failed or bad_request)',
    run: listRejectsBadParameters,
  },
  {
    id: 'lifecycle-test-run-matches-suite-child',
    group: 'lifecycle',
    clause: 'test-run-read',
    title: "a child read on its own equals the suite's child",
    needs: ['state', 'creation'],
    property: true,
    run: testRunMatchesSuiteChild,
  },
  {
    id: 'lifecycle-model-sequences',
    group: 'lifecycle',
    clause: 'derived-state',
    title:
      'random sequences of make, advance, cancel, cancel child, get, list and resubmit agree with the model at every step',
    needs: ['control'],
    withoutControl: 'the model needs chosen child states and worker moves',
    property: true,
    run: modelBasedSequences,
  },
  {
    id: 'lifecycle-batch-at-limits',
    group: 'lifecycle',
    clause: 'batch',
    title:
      'a batch of 100 entries with repeated tests queues 100 runs in entry order (read back the same), 1 entry queues one, 101 are refused',
    needs: ['state', 'tests'],
    run: batchAtLimits,
  },
  {
    id: 'lifecycle-list-page-seams',
    group: 'lifecycle',
    clause: 'list-order',
    exclusive: true,
    title:
      'both lists walked at limits 1, 2, 3, 7 and 200: no page over its limit, nothing repeated or lost at a seam (equal created_at, a suite made mid-walk), has_more right on every page and on the last, exactly full one',
    needs: ['state', 'creation'],
    run: listPageSeams,
  },
];
