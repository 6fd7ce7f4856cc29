import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CountryCode, getCountries } from 'libphonenumber-js';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { checkFiscalSettings, FISCAL_SETTINGS, FiscalSignerConfig, fiscalSignerOf } from './fiscal-config';
import {
  checkTerminalSettings,
  TERMINAL_SETTINGS,
  TerminalsConfig,
  terminalsConfigOf,
} from './terminals-config';

export type { FiscalSignerConfig } from './fiscal-config';
export type { TerminalsConfig } from './terminals-config';
import type { TrustProxy } from '../common/http/client-address';
import { addressRangeProblem } from '../common/net/address-ranges';
import { LANGUAGES } from '../i18n/languages';
import {
  booleanFlag,
  ENCRYPTION_KEY_FORMAT,
  encryptionKeyOf,
  isPageLocale,
  isTimeZone,
  percent,
  printedText,
  trustProxyOf,
} from './setting-values';

const DEFAULT_PORT = 3000;

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
    DATABASE_URL: z
      .string()
      .default('sqlite:data/pos.sqlite')
      .refine((url) => /^sqlite:.+/.test(url) || /^postgres(ql)?:\/\/.+/.test(url), {
        message: 'must be sqlite:<file path> or postgres://user:pass@host:5432/db',
      }),
    JWT_SECRET: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    PIN_PEPPER: z.string().optional(),
    CREDENTIAL_HASH_COST: z.enum(['standard', 'test']).default('standard'),
    ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    PUBLIC_BASE_URL: z.url().optional(),
    REDIS_URL: z.url().optional(),
    CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .default('EUR'),
    PHONE_REGION: z
      .string()
      .default('DE')
      .refine((region) => (getCountries() as string[]).includes(region), {
        message: 'must be an ISO 3166 country code with a telephone numbering plan, such as DE or GB',
      }),
    QR_ORDERING: booleanFlag(false),
    CORS_ORIGINS: z.string().default(''),
    RESTAURANT_NAME: printedText(100)
      .default(['My Restaurant'])
      .refine((lines) => lines.length > 0, { message: 'must not be empty' })
      .transform((lines) => lines.join(' ')),
    RESTAURANT_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as DE or AT')
      .optional(),
    RESTAURANT_ADDRESS: printedText(200).optional(),
    RESTAURANT_TAX_ID: printedText(40).optional(),
    RECEIPT_FOOTER: printedText(500).optional(),
    RESTAURANT_TIMEZONE: z
      .string()
      .default('UTC')
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' }),
    RESTAURANT_LOCALE: z
      .string()
      .default('en')
      .refine(isPageLocale, {
        message: `must be a locale in ${LANGUAGES.join(' or ')}, such as en, en-GB, de or de-AT`,
      }),
    BUSINESS_DAY_STARTS_AT: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM')
      .default('05:00'),
    // Read only by the upgrade to tax rates (migration TaxRates1795003000000); checked here all the same, so
    // that a bad value stops the start.
    TAX_RATE: percent.default(0),
    PRICES_INCLUDE_TAX: booleanFlag(true),
    SERVICE_CHARGE_RATE: percent.default(0),
    TAX_ROUNDING: z.enum(['line', 'order']).default('line'),
    SERVICE_CHARGE_TAXED: booleanFlag(true),
    WEBHOOK_ALLOW_PRIVATE: booleanFlag(false),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    PRINTER_FAILOVER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
    KITCHEN_STATION_CAPACITY: z.coerce.number().int().min(1).max(100).default(3),
    STOCK_LOW_THRESHOLD: z.coerce.number().int().min(0).max(100_000).default(3),
    ...FISCAL_SETTINGS,
    ...TERMINAL_SETTINGS,
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
    ENCRYPTION_KEY: z
      .string()
      .refine((key) => encryptionKeyOf(key) !== null, { message: ENCRYPTION_KEY_FORMAT })
      .optional(),
    EVENT_RETENTION_DAYS: z.coerce.number().min(0.01).max(365).default(7),
    POS_ROLE: z.enum(['site', 'hq']).default('site'),
    HQ_CONTACT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    AUTO_BLOCK_FAILURES: z.coerce.number().int().min(2).max(10_000).default(10),
    AUTO_BLOCK_ACCOUNTS: z.coerce.number().int().min(1).max(1000).default(3),
    AUTO_BLOCK_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    AUTO_BLOCK_MINUTES: z.coerce.number().int().min(0).max(43_200).default(30),
    AUTO_BLOCK_EXEMPT: z
      .string()
      .default('')
      .transform((text, ctx) => {
        const entries = text
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean);
        for (const entry of entries) {
          const problem = addressRangeProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: `"${entry}" ${problem}` });
        }
        return entries;
      }),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((text, ctx) => {
        const trust = trustProxyOf(text);
        if (typeof trust !== 'string') return trust;
        ctx.addIssue({ code: 'custom', message: trust });
        return z.NEVER;
      }),
  })
  .superRefine((env, ctx) => {
    checkFiscalSettings(env, ctx);
    checkTerminalSettings(env, ctx);
    if (env.AUTO_BLOCK_ACCOUNTS > env.AUTO_BLOCK_FAILURES) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTO_BLOCK_ACCOUNTS'],
        message: 'must not exceed AUTO_BLOCK_FAILURES: each account needs a failure of its own',
      });
    }
    if (env.CREDENTIAL_HASH_COST === 'test' && env.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['CREDENTIAL_HASH_COST'],
        message: 'test is only for NODE_ENV=test: it makes stolen password and PIN hashes cheap to crack',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be at least 32 characters in production',
      });
    }
    if (!env.PIN_PEPPER || env.PIN_PEPPER.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['PIN_PEPPER'],
        message: 'must be at least 32 characters in production',
      });
    }
    if (!env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: `is required in production: ${ENCRYPTION_KEY_FORMAT}`,
      });
    }
  });

/** The name of every environment variable the service reads: docs/operations.md and .env.example list them all. */
export const SETTING_NAMES: readonly string[] = Object.keys(environmentSchema.shape);

/** The restaurant's own details: its profile (src/restaurant), seeded from the settings of the same names. */
export interface RestaurantDetails {
  name: string;
  /** Printed under the name on bills and receipts, one entry per line; empty when none. */
  address: string[];
  /** The restaurant's VAT or tax number, printed on bills and receipts; null when none. */
  taxId: string | null;
  /** IANA time zone: business days, schedules and the times on pages and documents. */
  timezone: string;
  /** ISO 4217: what every amount is in. */
  currency: string;
  /** ISO 3166 alpha-2: which country's tax presets fit. */
  country: string;
  /** The pages' language and number forms when the device chooses none (docs/clients.md): `en`, `de-AT`… */
  locale: string;
}

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The whole validated configuration; the only place that knows environment variable names. */
export type ServiceRole = 'site' | 'hq';

export class AppConfig {
  readonly nodeEnv!: 'development' | 'production' | 'test';
  readonly port!: number;
  readonly database!: DatabaseConfig;
  /** Outside production, when unset: random per start (tokens die with the process). */
  readonly jwtSecret!: string;
  /** JWT_SECRET as a key made once: given a string, jsonwebtoken would build one on every sign and verify. */
  readonly jwtKey!: KeyObject;
  readonly accessTokenTtlSeconds!: number;
  readonly refreshTokenTtlDays!: number;
  /** Outside production, when unset: generated once and kept in the data folder, beside (never inside) the database. */
  readonly pinPepper!: string;
  /** scrypt's cost for passwords and PINs: `test` (the test suite only) is about 1/80 of `standard`'s work. */
  readonly credentialHashCost!: 'standard' | 'test';
  readonly admin!: { username: string; password?: string };
  readonly publicBaseUrl!: string;
  readonly redisUrl?: string;
  /** The country whose national numbers customers' phones are written in (030 1234567 is +49 30 1234567 for DE). */
  readonly phoneRegion!: CountryCode;
  readonly qrOrdering!: boolean;
  readonly corsOrigins!: string[];
  /**
   * What the restaurant's profile starts from on the first start (RESTAURANT_*, CURRENCY): after that the profile
   * is data (GET/PUT /restaurant, src/restaurant) and these settings are read no more.
   */
  readonly restaurantSeed!: RestaurantDetails;
  /** Printed at the foot of bills and receipts, one entry per line; empty when unset. */
  readonly receiptFooter!: string[];
  readonly businessDayStartsAt!: string;
  readonly pricesIncludeTax!: boolean;
  readonly serviceChargeRatePercent!: number;
  /** Where tax is rounded: per line and rate, or once per rate on the order (docs/money.md). */
  readonly taxRounding!: 'line' | 'order';
  /** Whether the service charge carries the rates of the lines it is charged on (else it is exempt). */
  readonly serviceChargeTaxed!: boolean;
  readonly webhookAllowPrivate!: boolean;
  /** How long one webhook delivery attempt may take, connection to last byte. */
  readonly webhookTimeoutMs!: number;
  /** How long a printer fails before its pending kitchen tickets move to its backup (PRINTER_FAILOVER_SECONDS). */
  readonly printerFailoverMs!: number;
  /** How many order lines each kitchen station prepares at once, in the kitchen's quote (docs/fulfilment.md). */
  readonly kitchenStationCapacity!: number;
  /** A counted variation left with this many or fewer after an order raises menu.stock_low. */
  readonly stockLowThreshold!: number;
  readonly fiscalSigner!: FiscalSignerConfig;
  /** How many devices (X-Device-Id) become tills of their own at the signing unit; the others share `pos`. */
  readonly fiscalDeviceTills!: number;
  /** Card terminals (docs/terminals.md): how often running attempts are asked about, and the providers' settings. */
  readonly terminals!: TerminalsConfig;
  /** How long a SIGTERM may take: past it the process exits at once, with what it could not finish logged. */
  readonly shutdownTimeoutMs!: number;
  /**
   * The AES-256 key that encrypts secrets kept in the database (webhook signing secrets, TOTP secrets). Outside production, when
   * unset: generated once and kept in the data folder, like the PIN pepper. Every instance must have the same.
   */
  readonly encryptionKey!: Buffer;
  /** How long the event log keeps events for replay; older reconnects get resync.required. */
  readonly eventRetentionMs!: number;
  /** `site`: a restaurant (linked to headquarters or not); `hq`: headquarters of a chain's sites. */
  readonly role!: ServiceRole;
  /** How often a linked site contacts headquarters. */
  readonly hqContactMs!: number;
  readonly logLevel!: string;
  readonly bodyLimitBytes!: number;
  /** Whose X-Forwarded-For names the client, for HTTP (Express's `trust proxy`) and socket.io handshakes alike. */
  readonly trustProxy!: TrustProxy;
  /** When a burst of failed logins from one address blocks it: see AutoBlockSettings. */
  readonly autoBlock!: AutoBlockSettings;
}

/**
 * A client address whose failed logins reach `failures` for at least `accounts` distinct accounts within `windowMs`
 * is blocked for `durationMs` (0: never). Addresses in `exempt` (the restaurant's own network, say) never are.
 */
export interface AutoBlockSettings {
  failures: number;
  accounts: number;
  windowMs: number;
  durationMs: number;
  exempt: string[];
}

export { ConfigError } from './config-error';

/**
 * Validates raw environment variables into an AppConfig; throws a ConfigError naming every bad variable.
 * Outside production, missing secrets are filled in: see AppConfig.jwtSecret, pinPepper and encryptionKey.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const database: DatabaseConfig = e.DATABASE_URL.startsWith('sqlite:')
    ? { kind: 'sqlite', path: e.DATABASE_URL.slice('sqlite:'.length) }
    : { kind: 'postgres', url: e.DATABASE_URL };
  const jwtSecret = e.JWT_SECRET ?? randomBytes(32).toString('base64url');
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    database,
    jwtSecret,
    jwtKey: createSecretKey(Buffer.from(jwtSecret, 'utf8')),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    pinPepper:
      e.PIN_PEPPER ?? localSecret(database, 'pin-pepper', () => randomBytes(32).toString('base64url')),
    credentialHashCost: e.CREDENTIAL_HASH_COST,
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    redisUrl: e.REDIS_URL,
    phoneRegion: e.PHONE_REGION as CountryCode,
    qrOrdering: e.QR_ORDERING,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    restaurantSeed: {
      name: e.RESTAURANT_NAME,
      address: e.RESTAURANT_ADDRESS ?? [],
      taxId: e.RESTAURANT_TAX_ID?.join(' ') ?? null,
      timezone: e.RESTAURANT_TIMEZONE,
      currency: e.CURRENCY,
      // The phone numbering plan's country is the restaurant's own unless said otherwise.
      country: e.RESTAURANT_COUNTRY ?? e.PHONE_REGION,
      locale: e.RESTAURANT_LOCALE,
    },
    receiptFooter: e.RECEIPT_FOOTER ?? [],
    businessDayStartsAt: e.BUSINESS_DAY_STARTS_AT,
    pricesIncludeTax: e.PRICES_INCLUDE_TAX,
    serviceChargeRatePercent: e.SERVICE_CHARGE_RATE,
    taxRounding: e.TAX_ROUNDING,
    serviceChargeTaxed: e.SERVICE_CHARGE_TAXED,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    printerFailoverMs: e.PRINTER_FAILOVER_SECONDS * 1000,
    kitchenStationCapacity: e.KITCHEN_STATION_CAPACITY,
    stockLowThreshold: e.STOCK_LOW_THRESHOLD,
    fiscalSigner: fiscalSignerOf(e, dataFolderOf(database), database),
    fiscalDeviceTills: e.FISCAL_DEVICE_TILLS,
    terminals: terminalsConfigOf(e),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    encryptionKey: e.ENCRYPTION_KEY ? encryptionKeyOf(e.ENCRYPTION_KEY)! : localEncryptionKey(database),
    eventRetentionMs: Math.round(e.EVENT_RETENTION_DAYS * 86_400_000),
    role: e.POS_ROLE,
    hqContactMs: e.HQ_CONTACT_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: 1024 * 1024,
    trustProxy: e.TRUST_PROXY,
    autoBlock: {
      failures: e.AUTO_BLOCK_FAILURES,
      accounts: e.AUTO_BLOCK_ACCOUNTS,
      windowMs: e.AUTO_BLOCK_WINDOW_MINUTES * 60_000,
      durationMs: e.AUTO_BLOCK_MINUTES * 60_000,
      exempt: e.AUTO_BLOCK_EXEMPT,
    },
  };
}

/** Where a development install keeps what it generates: beside the SQLite file, or ./data. */
function dataFolderOf(database: DatabaseConfig): string {
  return database.kind === 'sqlite' ? dirname(database.path) : 'data';
}

function localEncryptionKey(database: DatabaseConfig): Buffer {
  const text = localSecret(database, 'encryption-key', () => randomBytes(32).toString('hex'));
  const key = encryptionKeyOf(text);
  if (!key)
    throw new ConfigError(
      `Invalid configuration:\n  ENCRYPTION_KEY: the kept key file ${ENCRYPTION_KEY_FORMAT}`,
    );
  return key;
}

/**
 * A development install keeps its generated secrets (the PIN pepper, the encryption key) next to the data, readable
 * by its owner only, so PINs and encrypted secrets survive restarts.
 */
function localSecret(database: DatabaseConfig, name: string, generate: () => string): string {
  const folder = dataFolderOf(database);
  const file = join(folder, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(folder, { recursive: true });
  const secret = generate();
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
