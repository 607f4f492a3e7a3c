// A plausible result for a completed run. The reference server runs no agent, so the result
// only has to be the right shape for the test's type and agree with the verdict.
import type { TestRunResult, TestType, TestVerdict } from './types.ts';

export function makeResult(type: TestType, verdict: TestVerdict, durationMs: number): TestRunResult {
  const passed = verdict === 'passed';
  const duration_ms = Math.max(0, Math.round(durationMs));
  const rationale = passed ? 'The agent behaved as the test expects.' : 'The agent did not behave as the test expects.';
  const base = { test_type: type, passed, rationale, duration_ms, reply: null, tool_call: null, simulation: null };
  switch (type) {
    case 'reply':
      return {
        ...base,
        reply: {
          agent_response: passed ? 'Certainly, I can help you with that.' : 'Sorry, I cannot say.',
          passed,
          rationale,
          score: passed ? '0.92' : '0.31',
          duration_ms,
        },
      };
    case 'tool':
      return {
        ...base,
        tool_call: {
          tool_called: passed ? 'book_table' : 'search_menu',
          tool_args: { party_size: 4 },
          expected_tool: 'book_table',
          tool_matched: passed,
          parameter_results: [{ path: 'party_size', mode: 'exact', actual_json: '4', passed: true }],
          passed,
          rationale,
          duration_ms,
        },
      };
    case 'simulation':
      return {
        ...base,
        simulation: {
          transcript: [
            { role: 'user', content: 'Hi, I would like to change my booking.' },
            { role: 'assistant', content: passed ? 'Of course, which booking?' : 'I cannot help with that.' },
          ],
          turns_used: 2,
          passed,
          rationale,
          duration_ms,
        },
      };
  }
}
