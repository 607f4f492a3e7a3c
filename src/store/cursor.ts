// Opaque page cursors: base64url of the last item's order key. Anything that does not decode
// to a key of the expected kind is refused, so a forged or mangled cursor is a 400, not a 500.
import { isId, type IdPrefix } from '../ids/index.ts';
import type { OrderKey } from './ordered-index.ts';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// base64url with btoa/atob (Node 16+ and browsers) rather than Buffer, so the store runs in a
// browser too. The text is ASCII (ISO instants and Crockford ids), one byte per character.
const toBase64Url = (text: string): string => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (cursor: string): string => atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));

export function encodeCursor(key: OrderKey): string {
  return toBase64Url(JSON.stringify({ t: key.t, id: key.id }));
}

export function decodeCursor(cursor: string, prefix: IdPrefix): OrderKey | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(fromBase64Url(cursor));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, id } = value as Record<string, unknown>;
  if (typeof t !== 'string' || !ISO_UTC.test(t) || Number.isNaN(Date.parse(t))) return undefined;
  if (!isId(id, prefix)) return undefined;
  return { t, id };
}
