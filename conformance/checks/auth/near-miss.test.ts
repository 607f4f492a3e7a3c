import { describe, expect, it } from 'vitest';
import { CheckFailure } from '../../errors.ts';
import type { Exchange } from '../../http/exchange.ts';
import { failRule, redactKey } from '../rule-failure.ts';
import { nearMissForms } from './near-miss.ts';

const sent = (authorization: string) => ({ requestHeaders: { authorization } }) as unknown as Exchange;

describe('near-miss credentials', () => {
  it('are each one step from the valid header, never the valid header itself', () => {
    const key = 'sk_live_Abc123';
    const forms = nearMissForms(key, 'sk_test_unknown_1');
    expect(forms.map((f) => f.header)).not.toContain(`Bearer ${key}`);
    expect(forms.map((f) => f.header)).toEqual(
      expect.arrayContaining([
        `Bearer ${key}x`,
        `Bearer ${key.slice(0, -1)}`,
        `Basic ${key}`,
        key,
        `Bearer ${key.toUpperCase()}`,
      ]),
    );
    expect(new Set(forms.map((f) => f.header)).size).toBe(forms.length);
  });

  it('never put a configured key in a report: built from a private key, the header is redacted after sending', () => {
    const key = 'sk_live_Secret42';
    for (const header of [
      `Bearer ${key}x`,
      `Bearer ${key.slice(0, -1)}`,
      `Basic ${key}`,
      `Bearer ${key.toUpperCase()}`,
      `Bearer sk_test_unknown, Bearer ${key}`,
    ]) {
      const redacted = redactKey(sent(header), key, 'main').requestHeaders.authorization!;
      expect(redacted).toContain('<your main key>');
      expect(redacted.toLowerCase()).not.toContain(key.slice(0, -1).toLowerCase());
    }
    // The bundled public test keys are shown as they are, like every repro shows them.
    expect(redactKey(sent('Basic sk_test_alpha'), 'sk_test_alpha', 'main').requestHeaders.authorization).toBe(
      'Basic sk_test_alpha',
    );
  });

  it('a failure names the rule it broke', () => {
    let thrown: unknown;
    try {
      failRule('key-case', 'accepted', [], 'listSuiteRuns');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CheckFailure);
    expect((thrown as CheckFailure).rule).toBe('key-case');
    expect((thrown as CheckFailure).operation).toBe('listSuiteRuns');
  });
});
