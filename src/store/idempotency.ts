// Idempotency records per (workspace, key): a key is bound to its first request, as Stripe
// binds it. A record remembers the operation, a hash of the request (method, path with its ids,
// body) and the answer it got; for 24 hours (by the injected clock) the same request replays
// that answer, and any other request with the key in that workspace (another body, another
// operation, another path id) is a conflict. Another workspace's key of the same text is
// another record. Callers record only 2xx answers, so a refused request runs again when retried.
import { sha256Hex } from './sha256.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredAnswer {
  status: number;
  body?: unknown;
  /** A body already serialized (never written to after it is made, so kept as it is). */
  json?: string | Uint8Array;
}

export type IdempotencyLookup = { kind: 'miss' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

interface IdempotencyRecord {
  operation: string;
  requestHash: string;
  answer: StoredAnswer;
  expiresAt: number;
}

/** Key order does not matter for "the same body": objects are hashed with sorted keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return sha256Hex(`${method.toUpperCase()}\n${path}\n${canonicalJson(body ?? null)}`);
}

export class IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly now: () => number) {}

  private static slot(workspace: string, key: string): string {
    return JSON.stringify([workspace, key]);
  }

  lookup(workspace: string, operation: string, key: string, hash: string): IdempotencyLookup {
    const slot = IdempotencyStore.slot(workspace, key);
    const record = this.records.get(slot);
    if (!record) return { kind: 'miss' };
    if (record.expiresAt <= this.now()) {
      this.records.delete(slot);
      return { kind: 'miss' };
    }
    return record.operation === operation && record.requestHash === hash
      ? { kind: 'replay', answer: record.answer }
      : { kind: 'conflict' };
  }

  remember(workspace: string, operation: string, key: string, hash: string, answer: StoredAnswer): void {
    this.dropExpired();
    const slot = IdempotencyStore.slot(workspace, key);
    this.records.delete(slot); // re-inserted last, so the map stays in expiry order
    this.records.set(slot, {
      operation,
      requestHash: hash,
      // A deep copy, so that later changes to the live objects never leak into a replay.
      answer: {
        status: answer.status,
        body: structuredClone(answer.body),
        ...(answer.json !== undefined ? { json: answer.json } : {}),
      },
      expiresAt: this.now() + IDEMPOTENCY_TTL_MS,
    });
  }

  /** Records are kept in expiry order, so the expired ones are a prefix of the map. */
  private dropExpired(): void {
    const now = this.now();
    for (const [slot, record] of this.records) {
      if (record.expiresAt > now) break;
      this.records.delete(slot);
    }
  }

  get size(): number {
    return this.records.size;
  }

  clear(): void {
    this.records.clear();
  }
}
