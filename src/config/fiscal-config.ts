import { accessSync, constants, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';

/** The fiscal signer's settings (docs/fiscal.md, docs/receipts.md): a part of the one environment schema. */
export const FISCAL_SETTINGS = {
  FISCAL_SIGNER: z.enum(['none', 'hmac', 'simulated-tse', 'fiskaly', 'simulated-rksv']).default('none'),
  FISCAL_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  FISCAL_TSE_DIR: z.string().min(1).optional(),
  FISKALY_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .default('https://kassensichv-middleware.fiskaly.com/api/v2'),
  FISKALY_API_KEY: z.string().min(1).optional(),
  FISKALY_API_SECRET: z.string().min(1).optional(),
  FISKALY_TSS_ID: z.uuid('must be the TSS id, a UUID').optional(),
  FISKALY_ADMIN_PIN: z.string().min(6, 'must be at least 6 characters').optional(),
  // A fiskaly TSS takes at most 199 clients: room is left for the QR ordering, the channels and the shared till.
  FISCAL_DEVICE_TILLS: z.coerce.number().int().min(1).max(180).default(150),
};

type FiscalSettings = z.infer<z.ZodObject<typeof FISCAL_SETTINGS>>;

/**
 * Who signs: `none` and `hmac` sign each receipt's chain hash as it is issued (src/receipts/fiscal-signer.ts);
 * `simulated-tse` and `fiskaly` are signing units that sign each till's transactions afterwards (src/fiscal/);
 * `simulated-rksv` is Austria's signature device, signing each receipt as it is issued (src/fiscal/rksv-*.ts).
 */
export type FiscalSignerConfig =
  | { kind: 'none' }
  | { kind: 'hmac'; key: string }
  | { kind: 'simulated-tse'; folder: string }
  | { kind: 'simulated-rksv'; folder: string }
  | { kind: 'fiskaly'; baseUrl: string; apiKey: string; apiSecret: string; tssId: string; adminPin: string };

/** What the fiscal settings need together: a key for hmac, fiskaly's four settings for fiskaly. */
export function checkFiscalSettings(env: FiscalSettings, ctx: z.RefinementCtx): void {
  if (env.FISCAL_SIGNER === 'hmac' && !env.FISCAL_SIGNING_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['FISCAL_SIGNING_KEY'],
      message: 'is required with FISCAL_SIGNER=hmac (at least 32 characters)',
    });
  }
  if (env.FISCAL_SIGNER === 'fiskaly') {
    for (const name of [
      'FISKALY_API_KEY',
      'FISKALY_API_SECRET',
      'FISKALY_TSS_ID',
      'FISKALY_ADMIN_PIN',
    ] as const) {
      if (!env[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required with FISCAL_SIGNER=fiskaly' });
    }
  }
}

/** Where the database is, as DATABASE_URL says. */
type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * The simulated signing unit's default folder: one unit per database, as a real unit belongs to one till system,
 * so that its signature counter counts only the signatures its own database's journal holds. Databases share a
 * data folder (every PostgreSQL database, SQLite files side by side): `tse/<database name>` in it.
 */
function simulatedUnitFolderOf(dataFolder: string, database: DatabaseLocation, kind = 'tse'): string {
  const name =
    database.kind === 'sqlite'
      ? basename(database.path, extname(database.path))
      : decodeURIComponent(new URL(database.url).pathname.slice(1));
  return join(dataFolder, kind, name.replace(/[^A-Za-z0-9_-]/g, '_') || 'database');
}

/** The signer FISCAL_SIGNER names, with its settings; the simulated unit's folder is made and checked here. */
export function fiscalSignerOf(
  e: FiscalSettings,
  dataFolder: string,
  database: DatabaseLocation,
): FiscalSignerConfig {
  switch (e.FISCAL_SIGNER) {
    case 'none':
      return { kind: 'none' };
    case 'hmac':
      return { kind: 'hmac', key: e.FISCAL_SIGNING_KEY! };
    case 'simulated-tse':
      return {
        kind: 'simulated-tse',
        folder: writableFolder(
          'FISCAL_TSE_DIR',
          e.FISCAL_TSE_DIR ?? simulatedUnitFolderOf(dataFolder, database),
        ),
      };
    case 'simulated-rksv':
      return {
        kind: 'simulated-rksv',
        folder: writableFolder(
          'FISCAL_TSE_DIR',
          e.FISCAL_TSE_DIR ?? simulatedUnitFolderOf(dataFolder, database, 'rksv'),
        ),
      };
    case 'fiskaly':
      return {
        kind: 'fiskaly',
        baseUrl: e.FISKALY_BASE_URL.replace(/\/+$/, ''),
        apiKey: e.FISKALY_API_KEY!,
        apiSecret: e.FISKALY_API_SECRET!,
        tssId: e.FISKALY_TSS_ID!,
        adminPin: e.FISKALY_ADMIN_PIN!,
      };
  }
}

/** `folder`, made if missing, once the process can write in it: else the start stops naming `variable`. */
function writableFolder(variable: string, folder: string): string {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Invalid configuration:\n  ${variable}: cannot write in ${folder} (${reason})`);
  }
  return folder;
}
