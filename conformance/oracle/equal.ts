// Representation equality as the contract means it: every field equal, timestamps compared as
// instants (fields ending in `_at`), key order ignored. Returns the differing paths.
import { sameInstant } from './instants.ts';

export function differences(a: unknown, b: unknown, path = '', out: string[] = [], limit = 12): string[] {
  if (out.length >= limit) return out;
  const key = path.split('.').pop() ?? '';
  if (key.endsWith('_at') && (typeof a === 'string' || typeof b === 'string')) {
    if (!sameInstant(a, b)) out.push(`${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path || '(root)'}: ${a.length} items vs ${b.length}`);
      return out;
    }
    a.forEach((item, i) => {
      differences(item, b[i], `${path}[${i}]`, out, limit);
    });
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!(k in a)) out.push(`${join(path, k)}: absent vs ${JSON.stringify(b[k])}`);
      else if (!(k in b)) out.push(`${join(path, k)}: ${JSON.stringify(a[k])} vs absent`);
      else differences(a[k], b[k], join(path, k), out, limit);
      if (out.length >= limit) break;
    }
    return out;
  }
  if (a !== b) out.push(`${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
