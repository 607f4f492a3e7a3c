export { createStore, type Store, type StoreOptions, type NewRun, type NewSuite, type Page } from './store.ts';
export { loadFixtures, FixtureError, BUNDLED_FIXTURES_DIR, type FixtureSet, type WorkspaceFixture } from './fixtures.ts';
export { encodeCursor, decodeCursor } from './cursor.ts';
export { IdempotencyStore, requestHash, canonicalJson, IDEMPOTENCY_TTL_MS, type StoredAnswer } from './idempotency.ts';
export type { OrderKey } from './ordered-index.ts';
