// The rules a passive observer judges, by stable id (a finding names one), and the rules of the
// contract it cannot decide from traffic alone: those are listed as not judged, never guessed.
import { DERIVATION_RULES } from '../oracle/derivation.ts';
import type { GroupName } from '../types.ts';

export interface LiveRule {
  id: string;
  group: GroupName;
  title: string;
}

const derivation: LiveRule[] = DERIVATION_RULES.map((rule) => ({
  id: `derivation-${rule}`,
  group: 'derivation',
  title: `every suite and run representation satisfies the derivation rule "${rule}"`,
}));

export const LIVE_RULES: LiveRule[] = [
  {
    id: 'auth-first',
    group: 'auth',
    title: 'a request without a valid key gets 401 (with WWW-Authenticate: Bearer), whatever else is wrong',
  },
  { id: 'status-documented', group: 'schema', title: "every status is one the operation's spec documents" },
  { id: 'body-valid', group: 'schema', title: 'every body matches its schema in the spec' },
  {
    id: 'error-envelope',
    group: 'schema',
    title: 'every non-2xx answer is the JSON error envelope with a code that fits its status',
  },
  { id: 'request-id', group: 'schema', title: 'every answer carries Speechify-Request-Id; an error body repeats it' },
  { id: 'id-format', group: 'ids', title: 'every id in an answer is <prefix>_ and 26 upper-case Crockford characters' },
  ...derivation,
  {
    id: 'unknown-path',
    group: 'notfound',
    title: 'a path no operation names answers 404 not_found (405 for a known path with another method)',
  },
  {
    id: 'malformed-id-404',
    group: 'notfound',
    title: 'a malformed path id answers 404 with a not-found code, never 400 or 500',
  },
  {
    id: 'seen-stays-found',
    group: 'notfound',
    title: 'a resource a key has read never answers 404 to that key later (until a reset)',
  },
  {
    id: 'version-checked',
    group: 'version',
    title: 'a malformed Speechify-Version never succeeds; a well-formed one is never invalid_api_version',
  },
  {
    id: 'list-order',
    group: 'lifecycle',
    title: 'a list is newest first by created_at and holds at most `limit` items',
  },
  {
    id: 'terminal-final',
    group: 'lifecycle',
    title: 'a child or suite seen terminal reads the same in every later answer',
  },
  {
    id: 'resubmit-reruns-failed',
    group: 'lifecycle',
    title: 'a resubmit re-runs exactly the failed tests of its parent as last seen, in order',
  },
  { id: 'cancel-settles', group: 'cancel', title: 'a cancel answer has no pending or running child left' },
  {
    id: 'cancel-leaves-terminal',
    group: 'cancel',
    title: 'a cancel answer leaves every child that was terminal in the last answer seen unchanged',
  },
  {
    id: 'tenancy-isolation',
    group: 'tenancy',
    title: "a resource seen under one workspace's key never answers 2xx to another key",
  },
  {
    id: 'idempotency-replay',
    group: 'idempotency',
    title: 'the same Idempotency-Key on the same request answers the same status and body',
  },
  {
    id: 'idempotency-conflict',
    group: 'idempotency',
    title: 'the same Idempotency-Key on another request (operation, path ids, body) answers 409 idempotency_conflict',
  },
];

export const RULE_BY_ID = new Map(LIVE_RULES.map((r) => [r.id, r]));

/** What the contract says that traffic alone cannot decide, and why. */
export const NOT_JUDGED: { rule: string; group: GroupName; why: string }[] = [
  {
    rule: 'keys-refused',
    group: 'auth',
    why: "whether a key is valid or revoked: the observer sees only answers. A key that answered 401 must keep answering 401 (judged as auth-first); a made-up key that is accepted shows only when it reads another key's resource (tenancy-isolation, since each distinct key is taken to be its own workspace)",
  },
  {
    rule: 'cancel-one-instant',
    group: 'cancel',
    why: 'that one cancel sets one ended_at on every child it cancels: another cancel or a worker may have ended some of them between the last read and the cancel',
  },
  {
    rule: 'cancel-answer-equals-get',
    group: 'cancel',
    why: 'that the cancel answer equals a GET right after it, beyond terminal-final: the observer does not choose when reads happen',
  },
  {
    rule: 'replay-makes-nothing',
    group: 'idempotency',
    why: 'that a replayed request made nothing new: the observer does not see the store, only the answers the client asked for',
  },
  {
    rule: 'idempotency-window',
    group: 'idempotency',
    why: 'keys first used before the observer started, and the 24-hour window: a key is judged only against its first 2xx answer seen, within 24 hours',
  },
  {
    rule: 'agent-name-current',
    group: 'derivation',
    why: "that agent_name is the agent's current name: agent names are not part of the traffic",
  },
  {
    rule: 'lists-complete',
    group: 'tenancy',
    why: "that a list holds every suite of the workspace and none of another's beyond those seen: the observer sees only pages the client read",
  },
  {
    rule: 'worker-moves-legal',
    group: 'lifecycle',
    why: 'which moves a worker made between two reads (only terminal-final is decidable: a terminal run never moves again)',
  },
];
