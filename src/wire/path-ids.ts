// The form of path ids: which id each path parameter holds, its 404 when unknown, and decoding a path's ids.
import { isId, type IdPrefix } from '../ids/index.ts';
import { AGENT_NOT_FOUND, AGENT_TEST_NOT_FOUND, ApiError, NOT_FOUND, type ErrorTemplate } from './errors.ts';

export interface PathIdRule {
  prefix: IdPrefix;
  what: string;
  notFound: ErrorTemplate;
}

/** Each path parameter, the id form it must have, and the 404 it answers when unknown. */
export const PATH_IDS = {
  suite_run_id: { prefix: 'srun', what: 'suite run', notFound: NOT_FOUND },
  test_run_id: { prefix: 'run', what: 'test run', notFound: NOT_FOUND },
  test_id: { prefix: 'test', what: 'test', notFound: AGENT_TEST_NOT_FOUND },
  agent_id: { prefix: 'agent', what: 'agent', notFound: AGENT_NOT_FOUND },
} as const satisfies Record<string, PathIdRule>;

/** The rule of a path parameter that holds an id, undefined for any other name. */
export function pathIdRule(name: string): PathIdRule | undefined {
  return Object.hasOwn(PATH_IDS, name) ? PATH_IDS[name as keyof typeof PATH_IDS] : undefined;
}

/** The 404 for an id that names nothing in the caller's workspace, with the code of its rule. */
export function notFoundError(rule: PathIdRule): ApiError {
  return new ApiError(rule.notFound, { message: `No ${rule.what} with this id exists in this workspace.` });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The path ids decoded, or the rule of the first one that is not exactly of its form. */
export function decodePathIds(
  raw: Record<string, string>,
): { ok: true; params: Record<string, string> } | { ok: false; rule: PathIdRule } {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const rule = pathIdRule(name);
    const decoded = decodeSegment(value);
    if (rule && !isId(decoded, rule.prefix)) return { ok: false, rule };
    params[name] = decoded ?? value;
  }
  return { ok: true, params };
}
