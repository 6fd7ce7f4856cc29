import { randomBytes } from 'node:crypto';

/** Prints a random 64-character secret for JWT_SECRET or PIN_PEPPER. */
process.stdout.write(`${randomBytes(48).toString('base64url')}\n`);
