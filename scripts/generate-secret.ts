import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run generate-secret [-- --key]

Prints a random 64-character secret, for JWT_SECRET or PIN_PEPPER.
With --key, prints a random 32-byte key as 64 hex characters, for ENCRYPTION_KEY.`;

try {
  const { values } = parseArgs({
    options: { key: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) process.stdout.write(`${USAGE}\n`);
  else
    process.stdout.write(
      `${values.key ? randomBytes(32).toString('hex') : randomBytes(48).toString('base64url')}\n`,
    );
} catch (error) {
  // An unknown option: say which, and how to ask for help, rather than a stack trace.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
}
