// version: Speechify-Version is optional; a real calendar date is accepted, anything else is
// 400 invalid_api_version.
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import { expectError, expectStatus } from '../support.ts';
import type { CheckDefinition } from '../types.ts';

const MALFORMED = ['2026-13-01', '2026-02-30', '2025-02-29', '2026/11/01', '20261101', '26-11-01', '2026-11-1', 'latest', '2026-11-01T00:00:00Z'];
const VALID = ['2026-11-01', '2024-02-29', '1999-01-01', '2099-12-31'];

/** A suite of this run's own to read, when the run can make one (else the list alone is used). */
async function ownSuiteId(ctx: CheckContext): Promise<string | undefined> {
  const found = await ctx.resources();
  if (!ctx.control && !found.agentId && !found.testIds.length) return undefined;
  return (await ownIds(ctx)).suiteRunId;
}

async function malformedVersionRejected(ctx: CheckContext): Promise<void> {
  const id = await ownSuiteId(ctx);
  for (const version of MALFORMED) {
    const headers = { 'Speechify-Version': version };
    expectError(await ctx.api.listSuiteRuns({ limit: 1 }, { headers }), 400, ['invalid_api_version'], `the list with Speechify-Version: ${version}`, 'listSuiteRuns');
    if (id) expectError(await ctx.api.getSuiteRun(id, { headers }), 400, ['invalid_api_version'], `GET of a suite with Speechify-Version: ${version}`, 'getSuiteRun');
  }
}

async function validVersionAccepted(ctx: CheckContext): Promise<void> {
  const id = await ownSuiteId(ctx);
  for (const version of VALID) {
    const headers = { 'Speechify-Version': version };
    expectStatus(await ctx.api.listSuiteRuns({ limit: 1 }, { headers }), 200, `the list with Speechify-Version: ${version}`, 'listSuiteRuns');
    if (id) expectStatus(await ctx.api.getSuiteRun(id, { headers }), 200, `GET of a suite with Speechify-Version: ${version}`, 'getSuiteRun');
  }
}

export const versionChecks: CheckDefinition[] = [
  { id: 'version-malformed-rejected', group: 'version', title: 'a Speechify-Version that is not a real YYYY-MM-DD date is 400 invalid_api_version', run: malformedVersionRejected },
  { id: 'version-valid-accepted', group: 'version', title: 'any real calendar date as Speechify-Version is accepted', run: validVersionAccepted },
];
