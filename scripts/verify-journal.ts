import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { verifyDsfinvk } from '../src/fiscal/dsfinvk/dsfinvk-verification';
import { fiscalSignerFor } from '../src/receipts/fiscal-signer';
import { verifyJournal } from '../src/receipts/journal-verification';

const USAGE = `Usage: npm run verify-journal
       npm run verify-journal -- --dsfinvk <export.zip>

Recomputes the fiscal journal's hash chain on the configured database (DATABASE_URL), checking each receipt's
number, previous hash, hash and, with FISCAL_SIGNER=hmac, its signature (FISCAL_SIGNING_KEY). Prints the outcome;
exits 0 when the chain holds, 1 naming the first broken receipt number. It only reads.

With --dsfinvk it checks a DSFinV-K export (GET /fiscal/dsfinvk) from the file alone, no database: each signed
TSE transaction's signature with its unit's public key (tse.csv), the signature counters without a gap, and a TSE
transaction for every receipt. Exits 0 with a summary, 1 naming the first bad one.`;

function verifyExport(file: string): void {
  const outcome = verifyDsfinvk(readFileSync(file));
  if (outcome.ok) {
    process.stdout.write(
      `The DSFinV-K export holds: ${outcome.signed} signed transactions checked, ${outcome.unsigned} marked ` +
        `unsigned by the unit, ${outcome.receipts} receipts, ${outcome.units} unit(s).\n`,
    );
    return;
  }
  process.stderr.write(`The DSFinV-K export does not hold: ${outcome.problem}.\n`);
  process.exitCode = 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { help: { type: 'boolean', short: 'h' }, dsfinvk: { type: 'string' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.dsfinvk !== undefined) {
    verifyExport(values.dsfinvk);
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
