import { DomainError } from '../../domain/api-key.errors';
import { isKeyId } from '@pxxl/contracts';

/** Opaque to clients: base64url of the last item's position in (createdAt desc, id desc) order. */
export function encodeCursor(position: { createdAt: Date; keyId: string }): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt.toISOString(), i: position.keyId })).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; keyId: string } {
  const invalid = () => new DomainError('INVALID_CURSOR', 'the cursor is not one this API returned', {});
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  try {
    const { c, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    const createdAt = new Date(String(c));
    if (typeof c !== 'string' || Number.isNaN(createdAt.getTime()) || !isKeyId(i)) throw invalid();
    return { createdAt, keyId: i };
  } catch {
    throw invalid();
  }
}
