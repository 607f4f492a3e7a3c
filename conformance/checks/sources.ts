// Where each check comes from: the clause of spec/openapi.yaml (`x-contract-clauses`) it enforces,
// and what that clause follows (CONTRACT.md and/or the provider's document). The clause id is on each
// check, next to its code (CheckDefinition.clause); this file keeps what each clause follows.
// `clause` is typed as a key of CLAUSES, so the type system forbids a check without one or with an
// unknown one; a test fails when a check cites a clause the spec lacks, or when CLAUSES and the spec
// disagree.
import type { CheckSource } from '../types.ts';

/** Where the clauses live. */
export const CLAUSES_AT = 'spec/openapi.yaml#/x-contract-clauses';

/** Each clause of `x-contract-clauses` and what it follows, exactly as the spec says. */
export const CLAUSES = {
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
  'agent-name': [
    'CONTRACT.md § Derived suite state',
    'CONTRACT.md § Clarifications of 2026-12-01',
    'provider cancel page (agent_name)',
  ],
  'children-stable': ['CONTRACT.md § Derived suite state'],
  'cancel-children': ['CONTRACT.md § Cancel', 'provider cancel page', 'provider OpenAPI (cancelSuiteRun)'],
  'cancel-instant': ['CONTRACT.md § Cancel'],
  'cancel-rederives': ['CONTRACT.md § Cancel', 'provider cancel page'],
  'cancel-answer': ['CONTRACT.md § Cancel'],
  'cancel-idempotent': ['CONTRACT.md § Cancel', 'provider cancel page'],
  'cancel-wins': ['CONTRACT.md § Cancel', 'CONTRACT.md § The control interface (provider states)'],
  'cancel-one-child': ['CONTRACT.md § Cancel', 'provider OpenAPI (cancelTestRun)'],
  'idempotency-replay': ['CONTRACT.md § Operations', 'provider OpenAPI (Idempotency-Key header)'],
  'idempotency-conflict': [
    'CONTRACT.md § Operations',
    'CONTRACT.md § Clarifications of 2026-12-01',
    'provider OpenAPI (ErrorCode)',
  ],
  'idempotency-refusals-not-recorded': ['CONTRACT.md § Operations', 'CONTRACT.md § Clarifications of 2026-12-01'],
  'auth-required': ['CONTRACT.md § Wire basics', 'provider OpenAPI (Authorization header)'],
  'auth-scheme': ['CONTRACT.md § Wire basics'],
  'auth-first': ['CONTRACT.md § Wire basics'],
  'control-auth': ['CONTRACT.md § The control interface (provider states)'],
  'not-found': ['CONTRACT.md § Operations', 'provider OpenAPI (404 responses)'],
  'malformed-path-id': ['CONTRACT.md § Wire basics', 'CONTRACT.md § Clarifications of 2026-12-01'],
  tenancy: ['CONTRACT.md § Wire basics'],
  'run-all': ['CONTRACT.md § Operations', 'provider OpenAPI (runAllTests)'],
  batch: ['CONTRACT.md § Operations', 'provider OpenAPI (runTestsBatch and RunBatchRequest)'],
  'run-test': ['CONTRACT.md § Operations', 'provider OpenAPI (runTest and listTestRuns)'],
  'test-run-read': ['CONTRACT.md § Operations', 'provider OpenAPI (getTestRun and SuiteChildRun)'],
  resubmit: ['CONTRACT.md § Resubmit', 'provider OpenAPI (resubmitSuiteRun)'],
  'resubmit-not-terminal': ['CONTRACT.md § Operations', 'provider OpenAPI (resubmitSuiteRun 409)'],
  'list-order': [
    'CONTRACT.md § Operations',
    'CONTRACT.md § Clarifications of 2026-12-01',
    'provider OpenAPI (listSuiteRuns)',
  ],
  'list-parameters': ['CONTRACT.md § Operations', 'provider OpenAPI (listSuiteRuns and listTestRuns)'],
  'api-version': ['CONTRACT.md § Wire basics', 'provider OpenAPI (Speechify-Version header)'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** A clause id of `x-contract-clauses`: what a check's `clause` may be. */
export type ClauseId = keyof typeof CLAUSES;

/** The source of a check: its clause in the spec and what that clause follows. */
export function sourceOf({ clause }: { clause: ClauseId }): CheckSource {
  return { clause: `${CLAUSES_AT}/${clause}`, follows: [...CLAUSES[clause]] };
}

/** One line for text reports: `spec/openapi.yaml#/x-contract-clauses/tenancy (follows CONTRACT.md § Wire basics)`. */
export function sourceText(source: CheckSource): string {
  return `${source.clause} (follows ${source.follows.join('; ')})`;
}
