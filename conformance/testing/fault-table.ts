// Which check must catch each fault of the reference server (`serve --fault NAME`), and which
// others fail with it. Names only: the kit never imports the server; the proof test
// (test/conformance-proof.test.ts) checks this table against the server's own FAULTS.
export interface FaultExpectation {
  /** The check that must fail. */
  check: string;
  /** The rule id its failure must name (kind `violation`: never a failed set-up or an error). */
  rule: string;
  /**
   * Other checks that must fail too, each with kind `violation` (each is proven able to fail here); only
   * where the fault shows whatever the timing.
   */
  also: string[];
}

export const FAULT_TABLE: Record<string, FaultExpectation> = {
  'cancel-touches-terminal': {
    check: 'cancel-leaves-terminal-children',
    rule: 'cancel-terminal-child-unchanged',
    also: [],
  },
  'cancel-skips-running': {
    check: 'cancel-cancels-active-children',
    rule: 'cancel-active-children-cancelled',
    also: [
      'cancel-suite-reads-cancelled',
      'cancel-black-box-race-tolerant',
      'idempotency-worker-after-cancel-changes-nothing',
      'idempotency-cancel-races-advances',
      'lifecycle-model-sequences',
    ],
  },
  'cancel-completed-suite': {
    check: 'idempotency-cancel-terminal-suite-unchanged',
    rule: 'idempotency-cancel-terminal-suite-unchanged',
    also: [],
  },
  'recancel-moves-ended-at': {
    check: 'idempotency-second-cancel-identical',
    rule: 'idempotency-second-cancel-identical',
    also: [],
  },
  'status-ignores-cancelled': {
    check: 'derivation-status',
    rule: 'status-derivation',
    also: ['cancel-one-child-rederives-suite'],
  },
  'results-count-failed-runs': {
    check: 'derivation-results',
    rule: 'results-derivation',
    also: ['derivation-every-representation'],
  },
  'verdict-on-unfinished': { check: 'derivation-verdict', rule: 'verdict-derivation', also: [] },
  'ended-at-earliest': { check: 'derivation-ended-at', rule: 'ended-at-derivation', also: [] },
  'lookup-before-auth': { check: 'auth-decided-first', rule: 'auth-decided-first', also: [] },
  'any-bearer-accepted': { check: 'auth-unknown-key', rule: 'auth-unknown-key', also: [] },
  'tenancy-403': {
    check: 'tenancy-other-workspace-suite-404',
    rule: 'tenancy-other-workspace-suite-404',
    also: ['schema-status-documented'],
  },
  'tenancy-leak': { check: 'tenancy-other-workspace-suite-404', rule: 'tenancy-other-workspace-suite-404', also: [] },
  'malformed-id-500': {
    check: 'notfound-malformed-ids',
    rule: 'notfound-malformed-ids',
    also: ['schema-status-documented'],
  },
  'lowercase-ids': { check: 'ids-well-formed', rule: 'id-format', also: ['ids-unique', 'ids-parent-link'] },
  'short-ids': { check: 'ids-well-formed', rule: 'id-format', also: ['ids-unique', 'ids-parent-link'] },
  'cancel-answers-stale': {
    check: 'cancel-answer-equals-get',
    rule: 'cancel-answer-equals-get',
    also: ['idempotency-parallel-cancels-agree'],
  },
  'idempotency-key-ignored': {
    check: 'idempotency-key-replay',
    rule: 'idempotency-key-replay',
    also: ['idempotency-key-conflict'],
  },
  'resubmit-reruns-passed': {
    check: 'lifecycle-resubmit-answer',
    rule: 'lifecycle-resubmit-answer',
    also: ['lifecycle-resubmit-nothing-to-rerun'],
  },
};
