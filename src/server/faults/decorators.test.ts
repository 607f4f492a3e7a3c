// The faults stay in src/server/faults/: no other module of src/ names one (the CLI and the
// entries list and parse them), only startServer applies them, and each one wraps exactly one
// seam and leaves the rest of its seam's answers as the real role gives them. (That each one
// changes the behaviour it names is faults.test.ts.)
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelInstantArb, suiteRunArb } from '../../../test/support/domain-arbitraries.ts';
import { breaches, breachesUnder, filesUnder, type ImportRule } from '../../../test/support/imports.ts';
import { cancelSuite } from '../../domain/cancel.ts';
import { deriveSuite } from '../../domain/derive.ts';
import type { DerivedSuite, SuiteRun } from '../../domain/types.ts';
import { isTerminal } from '../../domain/types.ts';
import type { CancelRule } from '../../store/store.ts';
import type { Derive } from '../presenter.ts';
import { DEFAULT_SEAMS, type Seams } from '../seams.ts';
import { cancelCompletedSuite, cancelSkipsRunning, cancelTouchesTerminal, recancelMovesEndedAt } from './cancel.ts';
import { endedAtEarliest, resultsCountFailedRuns, statusIgnoresCancelled, verdictOnUnfinished } from './derive.ts';
import { applyFaults, DECORATORS, FAULTS, type FaultName } from './index.ts';

const SRC = resolve(import.meta.dirname, '../..');
/** Where fault names may be written: the faults themselves, and the CLI and entries that list and parse them. */
const MAY_NAME_FAULTS = ['server/faults/', 'cli/', 'entries/'];
/** Where the faults folder may be imported from: those, and startServer, which applies them. */
const MAY_IMPORT_FAULTS = [...MAY_NAME_FAULTS, 'server/index.ts'];

const srcPath = (file: string) => relative(SRC, file).replace(/\\/g, '/');
const within = (allowed: string[]) => (file: string) =>
  allowed.some((a) => srcPath(file) === a || srcPath(file).startsWith(a));

/** The faults folder, as an import may name it. */
const FAULTS_FOLDER: ImportRule = { paths: ['src/server/faults', 'src/server/faults.ts'] };

describe('the faults stay in src/server/faults/', () => {
  it('no fault name appears in a src/ file outside src/server/faults/, src/cli/ and src/entries/', () => {
    const names = readFileSync(join(SRC, 'server/faults/names.ts'), 'utf8');
    expect(Object.keys(FAULTS).filter((name) => !names.includes(name))).toEqual([]); // the scan below can see them
    const scanned = filesUnder(SRC).filter((file) => !within(MAY_NAME_FAULTS)(file));
    expect(scanned.length).toBeGreaterThan(50);
    const offenders = scanned.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return Object.keys(FAULTS)
        .filter((name) => text.includes(name))
        .map((name) => `src/${srcPath(file)} names ${name}`);
    });
    expect(offenders).toEqual([]);
  });

  it('only startServer (src/server/index.ts), the CLI and the entries import the faults folder', () => {
    const serverIndex = join(SRC, 'server/index.ts');
    // the scan below can see an import
    expect(breaches(serverIndex, readFileSync(serverIndex, 'utf8'), FAULTS_FOLDER)).not.toEqual([]);
    const offenders = breachesUnder('src', FAULTS_FOLDER, {
      include: (file) => !within(MAY_IMPORT_FAULTS)(file),
      moreThan: 50,
    });
    expect(offenders).toEqual([]);
  });
});

/** The seam each fault is a decorator over. */
const SEAM_OF: Record<FaultName, keyof Seams> = {
  'cancel-touches-terminal': 'cancelRule',
  'cancel-skips-running': 'cancelRule',
  'cancel-completed-suite': 'cancelRule',
  'recancel-moves-ended-at': 'cancelRule',
  'status-ignores-cancelled': 'derive',
  'results-count-failed-runs': 'derive',
  'verdict-on-unfinished': 'derive',
  'ended-at-earliest': 'derive',
  'lookup-before-auth': 'beforeAuth',
  'any-bearer-accepted': 'keyring',
  'tenancy-403': 'lookups',
  'tenancy-leak': 'lookups',
  'malformed-id-500': 'checkPathIds',
  'lowercase-ids': 'minter',
  'short-ids': 'minter',
  'cancel-answers-stale': 'handlers',
  'idempotency-key-ignored': 'dispatch',
  'resubmit-reruns-passed': 'planResubmit',
};

describe('applyFaults', () => {
  it('has a decorator for every fault', () => {
    expect(Object.keys(DECORATORS).sort()).toEqual(Object.keys(FAULTS).sort());
  });

  it('with no fault on, wraps nothing: the very seams it was given come back', () => {
    expect(applyFaults(DEFAULT_SEAMS, new Set())).toBe(DEFAULT_SEAMS);
  });

  it.each(Object.keys(SEAM_OF) as FaultName[])('%s wraps its one seam and leaves every other as it was', (fault) => {
    const seams = applyFaults(DEFAULT_SEAMS, new Set([fault]));
    const changed = (Object.keys(DEFAULT_SEAMS) as (keyof Seams)[]).filter(
      (seam) => seams[seam] !== DEFAULT_SEAMS[seam],
    );
    expect(changed).toEqual([SEAM_OF[fault]]);
  });

  it('with two faults on one seam, wraps it twice, leaving the default untouched', () => {
    const seams = applyFaults(DEFAULT_SEAMS, new Set<FaultName>(['tenancy-403', 'tenancy-leak', 'short-ids']));
    expect(seams.lookups).not.toBe(DEFAULT_SEAMS.lookups);
    expect(seams.minter).not.toBe(DEFAULT_SEAMS.minter);
    expect(seams.cancelRule).toBe(DEFAULT_SEAMS.cancelRule);
    expect(DEFAULT_SEAMS.minter().mint('run')).toMatch(/^run_[0-9A-Z]{26}$/);
  });
});

const NUM_RUNS = 200;
const status = (suite: SuiteRun) => deriveSuite(suite.runs).status;

/** Each cancel fault, and the suites it leaves to the real cancel. */
const CANCEL_FAULTS: [string, (base: CancelRule) => CancelRule, (suite: SuiteRun) => boolean][] = [
  [
    'cancel-touches-terminal',
    cancelTouchesTerminal,
    (s) => status(s) !== 'running' || !s.runs.some((r) => isTerminal(r.status)),
  ],
  [
    'cancel-skips-running',
    cancelSkipsRunning,
    (s) => status(s) !== 'running' || !s.runs.some((r) => r.status === 'running'),
  ],
  ['cancel-completed-suite', cancelCompletedSuite, (s) => status(s) !== 'completed'],
  ['recancel-moves-ended-at', recancelMovesEndedAt, (s) => status(s) !== 'cancelled'],
];

describe('the cancel decorators change only the case they name', () => {
  it.each(CANCEL_FAULTS)(
    '%s: the real cancel for every other suite, another answer for its own',
    (_name, decorate, untouched) => {
      const broken = decorate(cancelSuite);
      let differed = 0;
      fc.assert(
        fc.property(suiteRunArb(8), cancelInstantArb, (suite, at) => {
          const real = cancelSuite(suite, at);
          const answer = broken(suite, at);
          if (untouched(suite)) {
            expect(answer).toEqual(real);
            if (real === suite) expect(answer).toBe(suite);
          } else {
            expect(answer).not.toEqual(real);
            differed += 1;
          }
        }),
        { numRuns: NUM_RUNS },
      );
      expect(differed).toBeGreaterThan(0);
    },
  );
});

/** Each derivation fault, and the suites whose derived fields it leaves as they are. */
const DERIVE_FAULTS: [string, (base: Derive) => Derive, (d: DerivedSuite) => boolean][] = [
  ['status-ignores-cancelled', statusIgnoresCancelled, (d) => d.status !== 'cancelled'],
  ['results-count-failed-runs', resultsCountFailedRuns, (d) => d.failed === d.results.failed],
  ['verdict-on-unfinished', verdictOnUnfinished, (d) => d.status === 'completed'],
  ['ended-at-earliest', endedAtEarliest, (d) => d.ended_at === null],
];

describe('the derivation decorators change only the case they name', () => {
  it.each(DERIVE_FAULTS)('%s: the real derived fields for every other suite', (_name, decorate, untouched) => {
    const broken = decorate(deriveSuite);
    let differed = 0;
    fc.assert(
      fc.property(suiteRunArb(8), (suite) => {
        const real = deriveSuite(suite.runs);
        const answer = broken(suite.runs);
        if (untouched(real)) expect(answer).toEqual(real);
        else if (JSON.stringify(answer) !== JSON.stringify(real)) differed += 1;
      }),
      { numRuns: NUM_RUNS },
    );
    expect(differed).toBeGreaterThan(0);
  });
});
