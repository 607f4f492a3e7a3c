// Where each check comes from: the clause of spec/openapi.yaml (`x-contract-clauses`) it enforces,
// and what that clause follows (CONTRACT.md and/or the provider's document). Kept in one file, apart
// from the checks, so a check's source is reviewed in one place; a test fails when a catalogue check
// has none, cites a clause the spec lacks, or when CLAUSES and the spec disagree.
import type { CheckSource } from '../types.ts';

/** Where the clauses live. */
export const CLAUSES_AT = 'spec/openapi.yaml#/x-contract-clauses';

/** Each clause of `x-contract-clauses` and what it follows, exactly as the spec says. */
export const CLAUSES: Readonly<Record<string, readonly string[]>> = {
  'response-status': ['CONTRACT.md § Operations', 'provider OpenAPI (responses of each operation)'],
  'response-body': ['CONTRACT.md § Operations', 'provider OpenAPI (components/schemas)'],
  'error-envelope': ['CONTRACT.md § Wire basics', 'provider OpenAPI (Error and ErrorCode)'],
  'request-id': ['CONTRACT.md § Wire basics'],
  'id-format': ['CONTRACT.md § Wire basics', 'CONTRACT.md § Clarifications of 2026-12-01', 'provider cancel page (id)'],
  'derived-state': ['CONTRACT.md § Derived suite state', 'provider OpenAPI (AgentTestSuiteRunWithRuns)'],
  'derived-counters': ['CONTRACT.md § Derived suite state', 'provider OpenAPI (AgentTestSuiteRun)'],
  'derived-results': ['CONTRACT.md § Derived suite state', 'provider OpenAPI (AgentTestSuiteRunResults)'],
  'derived-status': ['CONTRACT.md § Derived suite state', 'provider cancel page (status)'],
  'derived-verdict': ['CONTRACT.md § Derived suite state', 'provider OpenAPI (TestVerdict)'],
  'derived-ended-at': ['CONTRACT.md § Derived suite state'],
  'child-fields': ['CONTRACT.md § Derived suite state', 'provider OpenAPI (SuiteChildRun and AgentTestRun)'],
  'agent-name': ['CONTRACT.md § Derived suite state', 'CONTRACT.md § Clarifications of 2026-12-01', 'provider cancel page (agent_name)'],
  'children-stable': ['CONTRACT.md § Derived suite state'],
  'cancel-children': ['CONTRACT.md § Cancel', 'provider cancel page', 'provider OpenAPI (cancelSuiteRun)'],
  'cancel-instant': ['CONTRACT.md § Cancel'],
  'cancel-rederives': ['CONTRACT.md § Cancel', 'provider cancel page'],
  'cancel-answer': ['CONTRACT.md § Cancel'],
  'cancel-idempotent': ['CONTRACT.md § Cancel', 'provider cancel page'],
  'cancel-wins': ['CONTRACT.md § Cancel', 'CONTRACT.md § The control interface (provider states)'],
  'cancel-one-child': ['CONTRACT.md § Cancel', 'provider OpenAPI (cancelTestRun)'],
  'idempotency-replay': ['CONTRACT.md § Operations', 'provider OpenAPI (Idempotency-Key header)'],
  'idempotency-conflict': ['CONTRACT.md § Operations', 'CONTRACT.md § Clarifications of 2026-12-01', 'provider OpenAPI (ErrorCode)'],
  'idempotency-refusals-not-recorded': ['CONTRACT.md § Operations', 'CONTRACT.md § Clarifications of 2026-12-01'],
  'auth-required': ['CONTRACT.md § Wire basics', 'provider OpenAPI (Authorization header)'],
  'auth-scheme': ['CONTRACT.md § Wire basics'],
  'auth-first': ['CONTRACT.md § Wire basics'],
  'control-auth': ['CONTRACT.md § The control interface (provider states)'],
  'not-found': ['CONTRACT.md § Operations', 'provider OpenAPI (404 responses)'],
  'malformed-path-id': ['CONTRACT.md § Wire basics', 'CONTRACT.md § Clarifications of 2026-12-01'],
  'tenancy': ['CONTRACT.md § Wire basics'],
  'run-all': ['CONTRACT.md § Operations', 'provider OpenAPI (runAllTests)'],
  'batch': ['CONTRACT.md § Operations', 'provider OpenAPI (runTestsBatch and RunBatchRequest)'],
  'run-test': ['CONTRACT.md § Operations', 'provider OpenAPI (runTest and listTestRuns)'],
  'test-run-read': ['CONTRACT.md § Operations', 'provider OpenAPI (getTestRun and SuiteChildRun)'],
  'resubmit': ['CONTRACT.md § Resubmit', 'provider OpenAPI (resubmitSuiteRun)'],
  'resubmit-not-terminal': ['CONTRACT.md § Operations', 'provider OpenAPI (resubmitSuiteRun 409)'],
  'list-order': ['CONTRACT.md § Operations', 'CONTRACT.md § Clarifications of 2026-12-01', 'provider OpenAPI (listSuiteRuns)'],
  'list-parameters': ['CONTRACT.md § Operations', 'provider OpenAPI (listSuiteRuns and listTestRuns)'],
  'api-version': ['CONTRACT.md § Wire basics', 'provider OpenAPI (Speechify-Version header)'],
};

/** Check id -> the clause it enforces. */
export const CHECK_CLAUSES: Readonly<Record<string, string>> = {
  'schema-status-documented': 'response-status',
  'schema-body-valid': 'response-body',
  'schema-error-envelope': 'error-envelope',
  'schema-request-id': 'request-id',
  'ids-well-formed': 'id-format',
  'ids-unique': 'id-format',
  'ids-parent-link': 'resubmit',
  'derivation-counters': 'derived-counters',
  'derivation-results': 'derived-results',
  'derivation-status': 'derived-status',
  'derivation-verdict': 'derived-verdict',
  'derivation-ended-at': 'derived-ended-at',
  'derivation-child-fields': 'child-fields',
  'derivation-agent-name': 'agent-name',
  'derivation-runs-stable': 'children-stable',
  'derivation-every-representation': 'derived-state',
  'cancel-cancels-active-children': 'cancel-children',
  'cancel-leaves-terminal-children': 'cancel-children',
  'cancel-shared-instant': 'cancel-instant',
  'cancel-suite-reads-cancelled': 'cancel-rederives',
  'cancel-answer-equals-get': 'cancel-answer',
  'cancel-one-child-rederives-suite': 'cancel-one-child',
  'cancel-black-box-race-tolerant': 'cancel-children',
  'idempotency-second-cancel-identical': 'cancel-idempotent',
  'idempotency-cancel-terminal-suite-unchanged': 'cancel-idempotent',
  'idempotency-parallel-cancels-agree': 'cancel-idempotent',
  'idempotency-worker-after-cancel-changes-nothing': 'cancel-wins',
  'idempotency-cancel-races-advances': 'cancel-wins',
  'idempotency-key-replay': 'idempotency-replay',
  'idempotency-key-conflict': 'idempotency-conflict',
  'idempotency-key-bound-to-request': 'idempotency-conflict',
  'idempotency-refusal-not-recorded': 'idempotency-refusals-not-recorded',
  'auth-missing-credentials': 'auth-required',
  'auth-unknown-key': 'auth-required',
  'auth-revoked-key': 'auth-required',
  'auth-scheme-case-insensitive': 'auth-scheme',
  'auth-control-interface': 'control-auth',
  'auth-decided-first': 'auth-first',
  'notfound-unknown-ids': 'not-found',
  'notfound-malformed-ids': 'malformed-path-id',
  'notfound-cancel-creates-nothing': 'not-found',
  'tenancy-other-workspace-suite-404': 'tenancy',
  'tenancy-other-workspace-run-404': 'tenancy',
  'tenancy-absent-from-lists': 'tenancy',
  'tenancy-other-workspace-agents-and-tests': 'tenancy',
  'lifecycle-run-all-answer': 'run-all',
  'lifecycle-batch-answer': 'batch',
  'lifecycle-batch-rejects-bad-entries': 'batch',
  'lifecycle-run-test-answer': 'run-test',
  'lifecycle-resubmit-answer': 'resubmit',
  'lifecycle-resubmit-inherits': 'resubmit',
  'lifecycle-resubmit-nothing-to-rerun': 'resubmit',
  'lifecycle-resubmit-not-terminal': 'resubmit-not-terminal',
  'lifecycle-list-order-and-pagination': 'list-order',
  'lifecycle-list-rejects-bad-parameters': 'list-parameters',
  'lifecycle-test-run-matches-suite-child': 'test-run-read',
  'lifecycle-model-sequences': 'derived-state',
  'auth-near-miss-credentials': 'auth-required',
  'tenancy-cursor-bound-to-workspace': 'tenancy',
  'tenancy-idempotency-keys-per-workspace': 'tenancy',
  'tenancy-other-workspace-agent-in-body': 'tenancy',
  'tenancy-writes-change-nothing': 'tenancy',
  'lifecycle-batch-at-limits': 'batch',
  'lifecycle-list-page-seams': 'list-order',
  'derivation-at-size-limits': 'derived-state',
  'derivation-children-end-apart': 'derived-ended-at',
  'version-malformed-rejected': 'api-version',
  'version-valid-accepted': 'api-version',
};

/** The source of a check, or undefined when it has none (a test forbids that for the catalogue). */
export function sourceOf(checkId: string): CheckSource | undefined {
  const clause = CHECK_CLAUSES[checkId];
  const follows = clause ? CLAUSES[clause] : undefined;
  return clause && follows ? { clause: `${CLAUSES_AT}/${clause}`, follows: [...follows] } : undefined;
}

/** One line for text reports: `spec/openapi.yaml#/x-contract-clauses/tenancy (follows CONTRACT.md § Wire basics)`. */
export function sourceText(source: CheckSource): string {
  return `${source.clause} (follows ${source.follows.join('; ')})`;
}
