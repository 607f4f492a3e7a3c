// version: Speechify-Version is optional; a real calendar date (any year 0000-9999) is accepted,
// anything else is 400 invalid_api_version. A fixed list first, then generated dates over the
// whole range (see dates.ts): years 0000-0099, Feb 29 in leap and common years, non-dates.
import type { CheckContext } from '../../context.ts';
import { ownIds } from '../../discovery.ts';
import { expectError, expectStatus } from '../support.ts';
import type { CheckDefinition } from '../types.ts';
import { versionCaseArb } from './dates.ts';

const MALFORMED = [
  '2026-13-01',
  '2026-02-30',
  '2025-02-29',
  '0100-02-29',
  '7381-58-57',
  '2026/11/01',
  '20261101',
  '26-11-01',
  '2026-11-1',
  'latest',
  '2026-11-01T00:00:00Z',
];
const VALID = ['2026-11-01', '2024-02-29', '1999-01-01', '2099-12-31', '0009-01-21', '0000-02-29', '9999-12-31'];
/** Generated cases per run at most: each sends 7 requests. */
const MAX_CASES = 50;

/** A suite of this run's own to read, when the run can make one (else the list alone is used). */
async function ownSuiteId(ctx: CheckContext): Promise<string | undefined> {
  const found = await ctx.resources();
  if (!ctx.control && !found.agentId && !found.testIds.length) return undefined;
  return (await ownIds(ctx)).suiteRunId;
}

async function expectRefused(ctx: CheckContext, version: string): Promise<void> {
  const headers = { 'Speechify-Version': version };
  expectError(
    await ctx.api.listSuiteRuns({ limit: 1 }, { headers }),
    400,
    ['invalid_api_version'],
    `the list with Speechify-Version: ${version}`,
    'listSuiteRuns',
  );
}

async function expectAccepted(ctx: CheckContext, version: string): Promise<void> {
  const headers = { 'Speechify-Version': version };
  expectStatus(
    await ctx.api.listSuiteRuns({ limit: 1 }, { headers }),
    200,
    `the list with Speechify-Version: ${version}`,
    'listSuiteRuns',
  );
}

async function malformedVersionRejected(ctx: CheckContext): Promise<void> {
  const id = await ownSuiteId(ctx);
  for (const version of MALFORMED) {
    await expectRefused(ctx, version);
    const headers = { 'Speechify-Version': version };
    if (id)
      expectError(
        await ctx.api.getSuiteRun(id, { headers }),
        400,
        ['invalid_api_version'],
        `GET of a suite with Speechify-Version: ${version}`,
        'getSuiteRun',
      );
  }
  await ctx.property(
    versionCaseArb,
    async ({ invalid }) => {
      for (const version of invalid) await expectRefused(ctx, version);
    },
    { runs: Math.min(ctx.options.runs, MAX_CASES) },
  );
}

async function validVersionAccepted(ctx: CheckContext): Promise<void> {
  const id = await ownSuiteId(ctx);
  for (const version of VALID) {
    await expectAccepted(ctx, version);
    const headers = { 'Speechify-Version': version };
    if (id)
      expectStatus(
        await ctx.api.getSuiteRun(id, { headers }),
        200,
        `GET of a suite with Speechify-Version: ${version}`,
        'getSuiteRun',
      );
  }
  await ctx.property(
    versionCaseArb,
    async ({ valid }) => {
      for (const version of valid) await expectAccepted(ctx, version);
    },
    { runs: Math.min(ctx.options.runs, MAX_CASES) },
  );
}

export const versionChecks: CheckDefinition[] = [
  {
    id: 'version-malformed-rejected',
    group: 'version',
    clause: 'api-version',
    title:
      'a Speechify-Version that is not a real YYYY-MM-DD date (Feb 29 of a common year, month 13, 7381-58-57) is 400 invalid_api_version',
    property: true,
    run: malformedVersionRejected,
  },
  {
    id: 'version-valid-accepted',
    group: 'version',
    clause: 'api-version',
    title: 'any real calendar date from 0000-01-01 to 9999-12-31 as Speechify-Version is accepted',
    property: true,
    run: validVersionAccepted,
  },
];
