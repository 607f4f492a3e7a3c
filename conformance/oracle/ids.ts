// Ids on the wire: `<prefix>_<26 upper-case Crockford base32>` (CONTRACT.md "Wire basics"). The
// ULID layout (a time prefix, a first character of at most 7, ids sorting by time) is how the
// reference server mints them, not a rule for other implementations: only the form is judged.
import { ID_BODY_LENGTH, isId, type IdPrefix } from '../../src/ids/index.ts';
import { isRec } from './derivation.ts';

const PREFIX_BY_FIELD: Record<string, IdPrefix> = {
  suite_run_id: 'srun',
  parent_suite_run_id: 'srun',
  test_run_id: 'run',
  test_id: 'test',
  agent_id: 'agent',
  flow_version_id: 'fver',
};

export interface IdProblem {
  where: string;
  value: unknown;
  reason: string;
}

/** Every id-bearing field of an answer body, with the prefix it must have. */
function collectIds(body: unknown, where = '', out: { where: string; value: unknown; prefix: IdPrefix }[] = []) {
  if (Array.isArray(body)) {
    body.forEach((item, i) => {
      collectIds(item, `${where}[${i}]`, out);
    });
  } else if (isRec(body)) {
    for (const [key, value] of Object.entries(body)) {
      const path = where ? `${where}.${key}` : key;
      if (key === 'id' && value !== null) {
        // A suite run carries `trigger`; a test run carries `test_id`.
        const prefix = 'trigger' in body ? 'srun' : 'test_id' in body ? 'run' : undefined;
        if (prefix) out.push({ where: path, value, prefix });
      } else if (PREFIX_BY_FIELD[key] && value !== null && value !== undefined) {
        out.push({ where: path, value, prefix: PREFIX_BY_FIELD[key]! });
      } else if (key !== 'error' && typeof value === 'object') collectIds(value, path, out);
    }
  }
  return out;
}

export function idProblems(body: unknown): IdProblem[] {
  return collectIds(body).flatMap(({ where, value, prefix }) => {
    if (typeof value !== 'string') return [{ where, value, reason: 'not a string' }];
    return isId(value, prefix)
      ? []
      : [
          {
            where,
            value,
            reason: `not "${prefix}_" followed by ${ID_BODY_LENGTH} upper-case Crockford base32 characters`,
          },
        ];
  });
}
