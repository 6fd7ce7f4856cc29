import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { fiscalSignerFor } from '../src/receipts/fiscal-signer';
import { verifyJournal } from '../src/receipts/journal-verification';

const USAGE = `Usage: npm run verify-journal

Recomputes the fiscal journal's hash chain on the configured database (DATABASE_URL), checking each receipt's
number, previous hash, hash and, with FISCAL_SIGNER=hmac, its signature (FISCAL_SIGNING_KEY). Prints the outcome;
exits 0 when the chain holds, 1 naming the first broken receipt number. It only reads.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const dataSource = await new DataSource(dataSourceOptions(config.database, ENTITIES)).initialize();
  try {
    const outcome = await verifyJournal(dataSource.manager, fiscalSignerFor(config.fiscalSigner));
    if (outcome.ok) {
      process.stdout.write(`The fiscal journal holds: ${outcome.checked} receipts checked.\n`);
      return;
    }
    process.stderr.write(
      `The fiscal journal is broken at receipt ${outcome.firstBrokenNumber} ` +
        `(${outcome.checked} receipts checked): it is missing, altered, out of place or wrongly signed.\n`,
    );
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
