// List parameters shared by both lists: `limit` (1..200, default 50; the spec checks the
// range) and an opaque `cursor` that must be one this server issued.
import { validationFailed } from '../wire/errors.ts';
import type { IdPrefix } from '../ids/index.ts';
import { decodeCursor, encodeCursor } from '../store/cursor.ts';
import type { OrderKey } from '../store/ordered-index.ts';

const DEFAULT_LIMIT = 50;

export function pageQuery(
  query: Record<string, unknown>,
  prefix: IdPrefix,
): { after: OrderKey | undefined; limit: number } {
  const limit = typeof query.limit === 'number' ? query.limit : DEFAULT_LIMIT;
  if (query.cursor === undefined) return { after: undefined, limit };
  const after = decodeCursor(String(query.cursor), prefix);
  if (!after)
    throw validationFailed(
      { cursor: 'is not a cursor this server issued; pass next_cursor back unchanged' },
      'The query parameters are invalid.',
    );
  return { after, limit };
}

export function pageLinks(nextAfter: OrderKey | null): { next_cursor: string | null; has_more: boolean } {
  return { next_cursor: nextAfter ? encodeCursor(nextAfter) : null, has_more: nextAfter !== null };
}
