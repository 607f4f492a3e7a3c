// Small assertions shared by the checks; each throws a CheckFailure carrying the exchange.
import type { CheckContext } from '../context.ts';
import { asSetup, CheckFailure } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import { isRec } from '../oracle/derivation.ts';

export { runsOf } from '../oracle/derivation.ts';
import { snippet } from '../oracle/schema.ts';

export type Rec = Record<string, unknown>;

/** A violation; `rule` names the contract rule broken when it is not the check's own (see oracle/rules.ts). */
export function fail(message: string, exchanges: Exchange[] = [], operation?: string, rule?: string): never {
  throw new CheckFailure({ message, exchanges, ...(operation ? { operation } : {}), ...(rule ? { rule } : {}) });
}

export function describeAnswer(exchange: Exchange): string {
  if (!exchange.status) return `no answer (${exchange.error})`;
  const code = (exchange.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return `${exchange.status}${code ? ` ${String(code)}` : ''}`;
}

/** The answer must have one of these statuses; returns its JSON body as a record. */
export function expectStatus(exchange: Exchange, expected: number | number[], what: string, operation?: string): Rec {
  const allowed = Array.isArray(expected) ? expected : [expected];
  if (!allowed.includes(exchange.status)) {
    const body = exchange.status ? `: ${snippet(exchange.text)}` : '';
    fail(`${what}: expected ${allowed.join(' or ')}, got ${describeAnswer(exchange)}${body}`, [exchange], operation);
  }
  return isRec(exchange.json) ? exchange.json : {};
}

/** A non-2xx answer with this status and one of these error codes. */
export function expectError(exchange: Exchange, status: number, codes: string[], what: string, operation?: string): void {
  const body = expectStatus(exchange, status, what, operation);
  const code = isRec(body.error) ? body.error.code : undefined;
  if (!codes.includes(String(code))) {
    fail(`${what}: expected error code ${codes.join(' or ')}, got ${JSON.stringify(code)}`, [exchange], operation);
  }
}

/**
 * Does a `fields` key name entry `index` of the batch? The contract says `fields` maps a path to
 * a message, not how a path is written: `entries[1].test_id`, `entries.1.test_id` and
 * `/entries/1/test_id` all name it.
 */
export function namesEntry(field: string, index: number): boolean {
  return new RegExp(`^/?entries(\\[${index}\\]|[./]${index}(?![0-9]))`).test(field);
}

/** The 201/200/202 body of a suite with runs, or a failure saying it is not one. */
export function suiteBody(exchange: Exchange, status: number, what: string, operation?: string): Rec {
  const body = expectStatus(exchange, status, what, operation);
  if (typeof body.id !== 'string' || !Array.isArray(body.runs)) fail(`${what}: the answer is not a suite run with runs: ${snippet(exchange.text)}`, [exchange], operation);
  return body;
}

/** The 201 body of a suite the control interface made to arrange a scenario: anything else is a failed set-up. */
export function madeSuite(exchange: Exchange): Rec {
  try {
    return suiteBody(exchange, 201, 'the control interface made no suite', 'controlCreateSuiteRun');
  } catch (error) {
    throw error instanceof CheckFailure ? asSetup(error, 'making a suite through the control interface') : error;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs one scenario of a check that is not a property; a failure inside gets every exchange
 * of the scenario as its repro.
 */
export async function scenario<T>(ctx: CheckContext, body: () => Promise<T>): Promise<T> {
  const trace = ctx.http.openTrace();
  try {
    return await body();
  } catch (error) {
    if (error instanceof CheckFailure && !error.scenarioExchanges) error.scenarioExchanges = [...trace.exchanges];
    throw error;
  } finally {
    trace.close();
  }
}
