import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/**
 * Prints a random 64-character secret for JWT_SECRET or PIN_PEPPER; with --key, a 32-byte key as 64 hex characters
 * for ENCRYPTION_KEY.
 */
const { values } = parseArgs({ options: { key: { type: 'boolean', default: false } } });
process.stdout.write(
  `${values.key ? randomBytes(32).toString('hex') : randomBytes(48).toString('base64url')}\n`,
);
