// Which check must catch each fault of the reference server (`serve --fault NAME`), and which
// others fail with it. Names only: the kit never imports the server; the proof test
// (test/conformance-proof.test.ts) checks this table against the server's own FAULTS.
export interface FaultExpectation {
  /** The check that must fail. */
  check: string;
  /** Other checks that must fail too (each is proven able to fail here); only where the fault shows whatever the timing. */
  also: string[];
}

export const FAULT_TABLE: Record<string, FaultExpectation> = {
  'cancel-touches-terminal': { check: 'cancel-leaves-terminal-children', also: [] },
  'cancel-skips-running': {
    check: 'cancel-cancels-active-children',
    also: [
      'cancel-suite-reads-cancelled',
      'cancel-black-box-race-tolerant',
      'idempotency-worker-after-cancel-changes-nothing',
      'idempotency-cancel-races-advances',
      'lifecycle-model-sequences',
    ],
  },
  'cancel-completed-suite': { check: 'idempotency-cancel-terminal-suite-unchanged', also: [] },
  'recancel-moves-ended-at': { check: 'idempotency-second-cancel-identical', also: [] },
  'status-ignores-cancelled': { check: 'derivation-status', also: ['cancel-one-child-rederives-suite'] },
  'results-count-failed-runs': { check: 'derivation-results', also: ['derivation-every-representation'] },
  'verdict-on-unfinished': { check: 'derivation-verdict', also: [] },
  'ended-at-earliest': { check: 'derivation-ended-at', also: [] },
  'lookup-before-auth': { check: 'auth-decided-first', also: [] },
  'any-bearer-accepted': { check: 'auth-unknown-key', also: [] },
  'tenancy-403': { check: 'tenancy-other-workspace-suite-404', also: ['schema-status-documented'] },
  'tenancy-leak': { check: 'tenancy-other-workspace-suite-404', also: [] },
  'malformed-id-500': { check: 'notfound-malformed-ids', also: ['schema-status-documented'] },
  'lowercase-ids': { check: 'ids-well-formed', also: [] },
  'short-ids': { check: 'ids-well-formed', also: [] },
  'cancel-answers-stale': { check: 'cancel-answer-equals-get', also: ['idempotency-parallel-cancels-agree'] },
  'idempotency-key-ignored': { check: 'idempotency-key-replay', also: ['idempotency-key-conflict'] },
  'resubmit-reruns-passed': { check: 'lifecycle-resubmit-answer', also: ['lifecycle-resubmit-nothing-to-rerun'] },
};
