// Ids that name nothing: well-formed unknown ones, and every way an id can be malformed.
import { mintId } from '../../../src/ids/index.ts';
import type { PathIds } from '../../api.ts';

/** Well-formed ids minted now: no target has them. */
export function unknownIds(): PathIds {
  return { suiteRunId: mintId('srun'), testRunId: mintId('run'), testId: mintId('test'), agentId: mintId('agent') };
}

export interface MalformedId {
  label: string;
  /** As it goes into the path (already percent-encoded where it says so). */
  value: string;
  /** It matches the spec's id pattern: not malformed, only unknown (a stateless mock answers it). */
  patternValid?: boolean;
}

/**
 * Malformed variants of a real id: a target that finds the resource anyway, or answers 400 or
 * 500, breaks "a path id that is not exactly of its form answers 404 with a not-found code the
 * operation documents". The last one is of the right form (ids need not be ULIDs, so a first
 * character above 7 is allowed) but names nothing: 404 as well.
 */
export function malformedVariants(id: string): MalformedId[] {
  const underscore = id.indexOf('_');
  const prefix = id.slice(0, underscore);
  const body = id.slice(underscore + 1);
  const swap = (c: string) => `${prefix}_${body.slice(0, 5)}${c}${body.slice(6)}`;
  return [
    { label: 'lower case', value: id.toLowerCase() },
    { label: 'lower-case body', value: `${prefix}_${body.toLowerCase()}` },
    { label: 'with I', value: swap('I') },
    { label: 'with L', value: swap('L') },
    { label: 'with O', value: swap('O') },
    { label: 'with U', value: swap('U') },
    { label: '25 characters', value: id.slice(0, -1) },
    { label: '27 characters', value: `${id}0` },
    { label: 'wrong prefix', value: `${prefix === 'srun' ? 'run' : 'srun'}_${body}` },
    { label: 'no prefix', value: body },
    { label: 'UUID', value: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' },
    { label: 'prefixed UUID', value: `${prefix}_3f2504e0-4f89-41d3-9a0c-0305e82c3301` },
    { label: 'encoded slash', value: `${id}%2F` },
    { label: 'encoded slash inside', value: `${prefix}_${body.slice(0, 13)}%2F${body.slice(13)}` },
    { label: 'encoded dots', value: '%2E%2E' },
    { label: 'encoded dot suffix', value: `${id}%2E` },
    { label: 'first character Z (of the form, unknown)', value: `${prefix}_Z${body.slice(1)}`, patternValid: true },
  ];
}
