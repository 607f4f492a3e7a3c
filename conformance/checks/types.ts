// What a check is: a plain async function with a stable kebab-case id, a group, the clause of the
// spec it enforces and a title.
// A check may also (or only) observe every exchange of the run: the schema oracle, the id
// rules and the derivation rules hold for every answer, whichever check caused it.
import type { CheckContext } from '../context.ts';
import type { CheckFailure } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import type { GroupName } from '../types.ts';
import type { ClauseId } from './sources.ts';

/** What a check needs from the target; unmet, it is skipped with the reason. */
/** `state`: the target must keep state (a stateless mock skips it). */
type Need = 'control' | 'state' | 'other-key' | 'revoked-key' | 'creation' | 'agent' | 'tests';

export interface Observer {
  /** Every exchange of the run (control probes excepted), with the id of the check that sent it. */
  see(exchange: Exchange, during: string): void;
  /** The first violation seen, as a failure; undefined when every exchange was fine. */
  verdict(): CheckFailure | undefined;
  /** How many exchanges it judged. */
  judged(): number;
}

export interface CheckDefinition {
  id: string;
  group: GroupName;
  /** The clause of spec/openapi.yaml (`x-contract-clauses`) it enforces: its source (sources.ts). */
  clause: ClauseId;
  /** What it asserts, in one line (a report's title for a failure). */
  title: string;
  needs?: Need[];
  /** Why the black-box profile cannot run it (added to the skip reason), and what covers it there. */
  withoutControl?: string;
  /** It runs a fast-check property (so --seed/--path apply to it). */
  property?: boolean;
  /**
   * It needs the target to itself (a walk over every page of a list, a reset, anything that
   * counts the workspace's state): it runs after the other checks, with nothing else in flight.
   */
  exclusive?: boolean;
  run?: (ctx: CheckContext) => Promise<void>;
  observe?: (ctx: CheckContext) => Observer;
}
