import { createHash } from 'node:crypto';

/** The hex SHA-256 of a text: how random secrets (tokens, recovery codes) are kept, found and compared. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
