import { describe, expect, it } from 'vitest';
import { createKeyring } from './keyring.ts';

describe('keyring', () => {
  const keyring = createKeyring([
    {
      id: 'alpha',
      name: 'A',
      agents: [],
      tests: [],
      keys: [
        { key: 'sk_test_alpha', revoked: false },
        { key: 'sk_test_revoked', revoked: true },
      ],
    },
    { id: 'bravo', name: 'B', agents: [], tests: [], keys: [{ key: 'sk_test_bravo', revoked: false }] },
  ]);

  it.each([
    ['sk_test_alpha', 'alpha'],
    ['sk_test_bravo', 'bravo'],
    ['sk_test_revoked', undefined],
    ['sk_test_alph', undefined],
    ['sk_test_alpha ', undefined],
    ['', undefined],
    ['x'.repeat(10_000), undefined],
  ])('%j -> %s', (key, workspace) => {
    expect(keyring.workspaceOf(key)).toBe(workspace);
  });
});
