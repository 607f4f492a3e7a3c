// The model of the model-based sequences: per suite this run made, the status (and verdict) of
// each child, and the last representation of each terminal child (terminal is final, so that
// representation must never change). A simplification of the target, never a copy.
import type { JobStatus, Verdict } from '../control.ts';
import type { CheckContext } from '../context.ts';
import { isTerminal } from '../oracle/derivation.ts';
import { differences } from '../oracle/equal.ts';
import { fail, runsOf, type Rec } from '../checks/support.ts';
import type { Exchange } from '../http/exchange.ts';

export interface ModelChild {
  id: string;
  testId: string;
  status: JobStatus;
  verdict?: Verdict;
  /** The representation last read once terminal (names left out: they are read-time). */
  frozen?: Rec;
}

export interface ModelSuite {
  id: string;
  parentId: string | null;
  children: ModelChild[];
}

export interface SuiteModel {
  suites: ModelSuite[];
}

export type Real = CheckContext;

export function pick<T>(items: T[], n: number): T {
  return items[n % items.length]!;
}

export function withoutNames(child: Rec): Rec {
  const { test_name: _t, agent_name: _a, ...rest } = child;
  return rest;
}

/** Compares a suite read from the target with the model, then freezes newly terminal children. */
export function matchSuite(suite: ModelSuite, body: Rec, exchange: Exchange, step: string): void {
  const runs = runsOf(body);
  if (runs.map((r) => r.id).join() !== suite.children.map((c) => c.id).join()) {
    fail(`${step}: the suite's children are not the ones it was made with, in order`, [exchange]);
  }
  suite.children.forEach((child, i) => {
    const run = runs[i]!;
    if (run.status !== child.status || (child.verdict && run.verdict !== child.verdict)) {
      fail(
        `${step}: child ${i} should be ${child.status}${child.verdict ? `/${child.verdict}` : ''}, the target says ${String(run.status)}/${String(run.verdict)}`,
        [exchange],
      );
    }
    matchFrozen(child, run, exchange, `${step}: child ${i}`);
  });
}

/** A terminal child must read as it did the first time it was seen terminal. */
export function matchFrozen(child: ModelChild, run: Rec, exchange: Exchange, where: string): void {
  if (child.frozen) {
    const diff = differences(child.frozen, withoutNames(run));
    if (diff.length) fail(`${where} was terminal and changed: ${diff.join('; ')}`, [exchange]);
  } else if (isTerminal(run.status)) child.frozen = withoutNames(run);
}

export function modelChildren(body: Rec): ModelChild[] {
  return runsOf(body).map((run) => ({
    id: String(run.id),
    testId: String(run.test_id),
    status: run.status as JobStatus,
    ...(run.verdict ? { verdict: run.verdict as Verdict } : {}),
    ...(isTerminal(run.status) ? { frozen: withoutNames(run) } : {}),
  }));
}
