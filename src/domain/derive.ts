// Every derived field of a suite run, computed from its children and nothing else, so that
// no representation can disagree with another (list item, detail, cancel answer, creation).
import type { DerivedSuite, JobStatus, TestRun } from './types.ts';
import { isTerminal } from './types.ts';

function statusOf(counts: Record<JobStatus, number>): JobStatus {
  if (counts.pending > 0 || counts.running > 0) return 'running';
  if (counts.cancelled > 0) return 'cancelled';
  if (counts.failed > 0) return 'failed';
  return 'completed';
}

/**
 * The latest `ended_at` once every child is terminal, else null. Each instant is parsed once
 * at most, and not at all when it is the very text of the latest so far (children cancelled
 * together share one): parsing was most of the cost of a list page of ended suites.
 */
function latestEnd(children: readonly TestRun[]): string | null {
  let latest: string | null = null;
  let latestMs = -Infinity;
  for (const child of children) {
    if (!isTerminal(child.status) || child.ended_at === null) return null;
    if (child.ended_at === latest) continue;
    const ms = Date.parse(child.ended_at);
    if (latest === null || ms > latestMs) {
      latest = child.ended_at;
      latestMs = ms;
    }
  }
  return latest;
}

export function deriveSuite(children: readonly TestRun[]): DerivedSuite {
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  const results = { passed: 0, failed: 0 };
  for (const child of children) {
    counts[child.status] += 1;
    if (child.status === 'completed') results[child.verdict === 'passed' ? 'passed' : 'failed'] += 1;
  }
  const status = statusOf(counts);
  return {
    status,
    verdict: status === 'completed' ? (results.failed === 0 ? 'passed' : 'failed') : null,
    total: children.length,
    completed: counts.completed,
    failed: counts.failed,
    running: counts.running,
    pending: counts.pending,
    cancelled: counts.cancelled,
    results,
    ended_at: latestEnd(children),
  };
}
