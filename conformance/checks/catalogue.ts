// The catalogue: every check, keyed by its stable kebab-case id, in groups. Ids are public
// (reports, baselines, --only): never rename one.
import { CouldNotRun, COULD_NOT_RUN } from '../errors.ts';
import { GROUPS, type GroupName } from '../types.ts';
import { authChecks } from './auth/index.ts';
import { cancelChecks } from './cancel/index.ts';
import { derivationChecks } from './derivation/index.ts';
import { idempotencyChecks } from './idempotency/index.ts';
import { idsChecks } from './ids/index.ts';
import { lifecycleChecks } from './lifecycle/index.ts';
import { notfoundChecks } from './notfound/index.ts';
import { schemaChecks } from './schema/index.ts';
import { tenancyChecks } from './tenancy/index.ts';
import type { CheckDefinition } from './types.ts';
import { versionChecks } from './version/index.ts';

export const CATALOGUE: readonly CheckDefinition[] = [
  ...schemaChecks,
  ...idsChecks,
  ...derivationChecks,
  ...cancelChecks,
  ...idempotencyChecks,
  ...authChecks,
  ...notfoundChecks,
  ...tenancyChecks,
  ...lifecycleChecks,
  ...versionChecks,
];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(CATALOGUE.map((c) => [c.id, c]));

/** The checks `--only` names select: groups or check ids, in catalogue order; none means all. */
export function selectChecks(only: string[]): CheckDefinition[] {
  if (!only.length) return [...CATALOGUE];
  const unknown = only.filter((name) => !(GROUPS as readonly string[]).includes(name) && !CHECKS_BY_ID.has(name));
  if (unknown.length) throw new CouldNotRun(COULD_NOT_RUN.UNKNOWN_SELECTION(unknown, GROUPS.join(', ')));
  const wanted = new Set(only);
  return CATALOGUE.filter((c) => wanted.has(c.group) || wanted.has(c.id));
}

export function checksOfGroup(group: GroupName): CheckDefinition[] {
  return CATALOGUE.filter((c) => c.group === group);
}
