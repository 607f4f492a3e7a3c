// Every representation of a suite run an exchange carries, with the kind the oracle needs.
import type { Exchange } from '../../http/exchange.ts';
import { checkChild, checkSuite, isRec, type RepresentationKind, type Violation } from '../../oracle/derivation.ts';
import { operationOf, type Contracts } from '../../oracle/schema.ts';
import type { SuiteFlow } from '../../scenarios/suite-flow.ts';

export interface Representation {
  label: string;
  body: unknown;
  kind: RepresentationKind;
  exchange: Exchange;
  operation: string;
}

/** The suite representations in one answer (none when it carries no suite). */
export function representationsIn(contracts: Contracts, exchange: Exchange): Representation[] {
  if (exchange.status < 200 || exchange.status >= 300 || !isRec(exchange.json)) return [];
  const operation = operationOf(contracts, exchange)?.operationId;
  const body = exchange.json;
  const one = (label: string, value: unknown, kind: RepresentationKind): Representation => ({
    label,
    body: value,
    kind,
    exchange,
    operation: operation!,
  });
  switch (operation) {
    case 'getSuiteRun':
    case 'cancelSuiteRun':
    case 'controlCreateSuiteRun':
      return [one(`${operation} answer`, body, 'with-runs')];
    case 'resubmitSuiteRun':
      return [one(`${operation} answer`, body, 'created-with-runs')];
    case 'listSuiteRuns':
      return Array.isArray(body.suite_runs)
        ? body.suite_runs.map((item, i) => one(`list item ${i}`, item, 'list-item'))
        : [];
    case 'runAllTests':
    case 'runTestsBatch':
      return isRec(body.suite_run) ? [one(`${operation} suite_run`, body.suite_run, 'creation')] : [];
    default:
      return [];
  }
}

/** The test-run representations in one answer (child rules hold for them too). */
export function testRunsIn(
  contracts: Contracts,
  exchange: Exchange,
): { where: string; run: Record<string, unknown> }[] {
  if (exchange.status < 200 || exchange.status >= 300 || !isRec(exchange.json)) return [];
  const body = exchange.json;
  const operation = operationOf(contracts, exchange)?.operationId;
  if (
    operation === 'getTestRun' ||
    operation === 'cancelTestRun' ||
    operation === 'runTest' ||
    operation === 'controlAdvanceRun'
  ) {
    return [{ where: `${operation} answer`, run: body }];
  }
  if (operation === 'listTestRuns' || operation === 'runAllTests' || operation === 'runTestsBatch') {
    return Array.isArray(body.runs)
      ? body.runs.filter(isRec).map((run, i) => ({ where: `${operation} runs[${i}]`, run }))
      : [];
  }
  return [];
}

/** Every violation in one answer, suites and test runs alike. */
export function violationsIn(contracts: Contracts, exchange: Exchange): (Violation & { label: string })[] {
  const out: (Violation & { label: string })[] = [];
  for (const rep of representationsIn(contracts, exchange)) {
    for (const v of checkSuite(rep.body, rep.kind)) out.push({ ...v, label: rep.label });
  }
  for (const { where, run } of testRunsIn(contracts, exchange)) {
    const found: Violation[] = [];
    checkChild(run, where, found);
    for (const v of found) out.push({ ...v, label: where });
  }
  return out;
}

/** The representations one suite flow produced, in the order they were read. */
export function flowRepresentations(flow: SuiteFlow): Representation[] {
  const r = (
    label: string,
    body: unknown,
    kind: RepresentationKind,
    exchange: Exchange,
    operation: string,
  ): Representation => ({ label, body, kind, exchange, operation });
  return [
    flow.createdKind === 'with-runs'
      ? r('the control answer', flow.created, 'with-runs', flow.ex.created, 'controlCreateSuiteRun')
      : r(
          'the creation answer',
          flow.created,
          'creation',
          flow.ex.created,
          flow.ex.created.path.endsWith('/batch') ? 'runTestsBatch' : 'runAllTests',
        ),
    r('GET', flow.before, 'with-runs', flow.ex.before, 'getSuiteRun'),
    ...(flow.listed ? [r('its list item', flow.listed, 'list-item', flow.ex.list, 'listSuiteRuns')] : []),
    r('the cancel answer', flow.cancel1, 'with-runs', flow.ex.cancel1, 'cancelSuiteRun'),
    r('GET after the cancel', flow.after1, 'with-runs', flow.ex.after1, 'getSuiteRun'),
    r('the second cancel answer', flow.cancel2, 'with-runs', flow.ex.cancel2, 'cancelSuiteRun'),
    r('GET after the second cancel', flow.after2, 'with-runs', flow.ex.after2, 'getSuiteRun'),
  ];
}
