import { describe, expect, it } from 'vitest';
import { createRequestIdSource } from './request-id.ts';

describe('request ids', () => {
  it('are req_ and a ULID, distinct over more than one block of random bytes', () => {
    const next = createRequestIdSource();
    const ids = Array.from({ length: 1000 }, next); // 1,000 x 16 bytes: four refills of the pool
    for (const id of ids) expect(id).toMatch(/^req_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(-16))).size).toBe(ids.length);
  });
});
