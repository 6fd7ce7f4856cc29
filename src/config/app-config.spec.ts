import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-config-'));
  const base = { DATABASE_URL: `sqlite:${join(dataDir, 'pos.sqlite')}` };

  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      phoneRegion: 'DE',
      qrOrdering: false,
      corsOrigins: [],
      restaurantSeed: {
        name: 'My Restaurant',
        address: [],
        taxId: null,
        timezone: 'UTC',
        currency: 'EUR',
        country: 'DE',
        locale: 'en',
      },
      businessDayStartsAt: '05:00',
      pricesIncludeTax: true,
      serviceChargeRatePercent: 0,
      taxRounding: 'line',
      serviceChargeTaxed: true,
      webhookAllowPrivate: false,
      stockLowThreshold: 3,
      accessTokenTtlSeconds: 900,
      credentialHashCost: 'standard',
      admin: { username: 'admin', password: undefined },
      trustProxy: { hops: 0 },
      autoBlock: { failures: 10, accounts: 3, windowMs: 600_000, durationMs: 1_800_000, exempt: [] },
    });
    expect(loadConfig({ PIN_PEPPER: 'p' }).database).toEqual({ kind: 'sqlite', path: 'data/pos.sqlite' });
  });

  it('parses PostgreSQL URLs, lists and flags', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://pos:secret@db:5432/pos',
      CORS_ORIGINS: 'https://a.example, https://b.example ,',
      QR_ORDERING: 'true',
      PRICES_INCLUDE_TAX: 'false',
      PORT: '8080',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://pos:secret@db:5432/pos' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.qrOrdering).toBe(true);
    expect(config.pricesIncludeTax).toBe(false);
    expect(config.publicBaseUrl).toBe('http://localhost:8080');
  });

  it.each([
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['CURRENCY', 'euro'],
    ['PHONE_REGION', 'de'],
    ['PHONE_REGION', 'XX'],
    ['QR_ORDERING', 'perhaps'],
    ['RESTAURANT_TIMEZONE', 'Mars/Olympus'],
    ['RESTAURANT_LOCALE', 'fr'],
    ['RESTAURANT_LOCALE', 'not a locale'],
    ['BUSINESS_DAY_STARTS_AT', '25:00'],
    ['TAX_RATE', '-1'],
    ['SERVICE_CHARGE_RATE', 'ten'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['ADMIN_PASSWORD', 'short'],
    ['WEBHOOK_TIMEOUT_MS', '50'],
    ['STOCK_LOW_THRESHOLD', '-1'],
    ['STOCK_LOW_THRESHOLD', '2.5'],
    ['TRUST_PROXY', 'example.com'],
    ['AUTO_BLOCK_FAILURES', '1'],
    ['AUTO_BLOCK_WINDOW_MINUTES', '0'],
    ['AUTO_BLOCK_MINUTES', '-5'],
    ['AUTO_BLOCK_EXEMPT', '10.0.0.0/8, example.com'],
    ['FISCAL_SIGNER', 'tse'],
    ['FISCAL_SIGNING_KEY', 'too short'],
    ['RESTAURANT_ADDRESS', 'Via Roma 1\u001b@'],
    ['RESTAURANT_TAX_ID', 'x'.repeat(41)],
    ['RECEIPT_FOOTER', 'Thanks\nagain'],
  ])('refuses a bad %s, naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${name}: `),
    );
  });

  it('reads FISCAL_SIGNER, and refuses hmac without a key of at least 32 characters', () => {
    expect(loadConfig(base).fiscalSigner).toEqual({ kind: 'none' });
    const key = 'k'.repeat(32);
    expect(loadConfig({ ...base, FISCAL_SIGNER: 'hmac', FISCAL_SIGNING_KEY: key }).fiscalSigner).toEqual({
      kind: 'hmac',
      key,
    });
    expect(() => loadConfig({ ...base, FISCAL_SIGNER: 'hmac' })).toThrow(/FISCAL_SIGNING_KEY: is required/);
    expect(() => loadConfig({ ...base, FISCAL_SIGNER: 'hmac', FISCAL_SIGNING_KEY: 'k'.repeat(31) })).toThrow(
      /FISCAL_SIGNING_KEY: must be at least 32 characters/,
    );
  });

  it('reads the fiskaly settings, and refuses FISCAL_SIGNER=fiskaly without each of them, naming it', () => {
    const fiskaly = {
      ...base,
      FISCAL_SIGNER: 'fiskaly',
      FISKALY_API_KEY: 'test_key',
      FISKALY_API_SECRET: 'test_secret',
      FISKALY_TSS_ID: '7b3e4c1a-5d2f-4e8b-9a6c-1f0e2d3c4b5a',
      FISKALY_ADMIN_PIN: '123456',
    };
    expect(loadConfig(fiskaly).fiscalSigner).toEqual({
      kind: 'fiskaly',
      baseUrl: 'https://kassensichv-middleware.fiskaly.com/api/v2',
      apiKey: 'test_key',
      apiSecret: 'test_secret',
      tssId: '7b3e4c1a-5d2f-4e8b-9a6c-1f0e2d3c4b5a',
      adminPin: '123456',
    });
    for (const name of ['FISKALY_API_KEY', 'FISKALY_API_SECRET', 'FISKALY_TSS_ID', 'FISKALY_ADMIN_PIN']) {
      const without: Record<string, string> = { ...fiskaly };
      delete without[name];
      expect(() => loadConfig(without)).toThrow(
        new RegExp(`^Invalid configuration:\\n  ${name}: is required with FISCAL_SIGNER=fiskaly$`),
      );
    }
    expect(() => loadConfig({ ...fiskaly, FISKALY_TSS_ID: 'tss-1' })).toThrow(
      /FISKALY_TSS_ID: must be the TSS id, a UUID/,
    );
    expect(() => loadConfig({ ...fiskaly, FISKALY_BASE_URL: 'ftp://fiskaly.example' })).toThrow(
      /FISKALY_BASE_URL: must be an http\(s\) URL/,
    );
  });

  it('reads the printed settings, a backslash and an n starting a new line', () => {
    expect(loadConfig(base)).toMatchObject({
      restaurantSeed: { address: [], taxId: null },
      receiptFooter: [],
    });
    const config = loadConfig({
      ...base,
      RESTAURANT_ADDRESS: 'Via Roma 1\\n 00100 Roma',
      RESTAURANT_TAX_ID: 'IT12345678901',
      RECEIPT_FOOTER: 'Grazie!\\n\\nA presto',
    });
    expect(config.restaurantSeed.address).toEqual(['Via Roma 1', '00100 Roma']);
    expect(config.restaurantSeed.taxId).toBe('IT12345678901');
    expect(config.receiptFooter).toEqual(['Grazie!', 'A presto']);
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses, ranges and named ranges', () => {
    const trustOf = (value: string) => loadConfig({ ...base, TRUST_PROXY: value }).trustProxy;
    expect(trustOf('false')).toEqual({ hops: 0 });
    expect(trustOf('2')).toEqual({ hops: 2 });
    expect(trustOf('Loopback, 10.1.0.0/16, 2001:db8::1')).toEqual({
      ranges: ['127.0.0.0/8', '::1/128', '10.1.0.0/16', '2001:db8::1'],
    });
    expect(trustOf('uniquelocal')).toEqual({
      ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
    });
  });

  it.each([
    ['true', /TRUST_PROXY: true would let any client choose its address/],
    ['0.0.0.0/0', /TRUST_PROXY: 0\.0\.0\.0\/0 would trust every address/],
    ['10.0.0.0/33', /TRUST_PROXY: "10\.0\.0\.0\/33" is not a hop count/],
    ['loopback,', /TRUST_PROXY: "" is not a hop count/],
    ['-1', /TRUST_PROXY: "-1" is not a hop count/],
    ['1.5', /TRUST_PROXY: "1\.5" is not a hop count/],
    ['constructor', /TRUST_PROXY: "constructor" is not a hop count/],
  ])('refuses TRUST_PROXY=%s, saying why', (value, message) => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(message);
  });

  it('reads the automatic block settings, and refuses more accounts than failures', () => {
    const config = loadConfig({
      ...base,
      AUTO_BLOCK_FAILURES: '20',
      AUTO_BLOCK_ACCOUNTS: '5',
      AUTO_BLOCK_WINDOW_MINUTES: '15',
      AUTO_BLOCK_MINUTES: '0',
      AUTO_BLOCK_EXEMPT: '192.168.0.0/16, 2001:db8::1',
    });
    expect(config.autoBlock).toEqual({
      failures: 20,
      accounts: 5,
      windowMs: 900_000,
      durationMs: 0,
      exempt: ['192.168.0.0/16', '2001:db8::1'],
    });
    expect(() => loadConfig({ ...base, AUTO_BLOCK_FAILURES: '4', AUTO_BLOCK_ACCOUNTS: '5' })).toThrow(
      /AUTO_BLOCK_ACCOUNTS: must not exceed AUTO_BLOCK_FAILURES/,
    );
  });

  it('takes the test hashing cost only with NODE_ENV=test', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'test', CREDENTIAL_HASH_COST: 'test' }).credentialHashCost).toBe(
      'test',
    );
    for (const nodeEnv of ['development', 'production']) {
      expect(() => loadConfig({ ...base, NODE_ENV: nodeEnv, CREDENTIAL_HASH_COST: 'test' })).toThrow(
        /CREDENTIAL_HASH_COST: test is only for NODE_ENV=test/,
      );
    }
    expect(() => loadConfig({ ...base, CREDENTIAL_HASH_COST: 'cheap' })).toThrow(/CREDENTIAL_HASH_COST/);
  });

  it('requires long secrets in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*PIN_PEPPER/);
    expect(() =>
      loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'short', PIN_PEPPER: 'p'.repeat(32) }),
    ).toThrow(/JWT_SECRET: must be at least 32 characters in production/);
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      PIN_PEPPER: 'p'.repeat(32),
      ENCRYPTION_KEY: 'a'.repeat(64),
    });
    expect(config.jwtSecret).toBe('s'.repeat(32));
  });

  it('outside production, makes a JWT secret per start and keeps one PIN pepper in the data folder', () => {
    const first = loadConfig(base);
    const second = loadConfig(base);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).not.toBe(first.jwtSecret);
    expect(second.pinPepper).toBe(first.pinPepper);
    expect(readFileSync(join(dataDir, 'pin-pepper'), 'utf8')).toBe(first.pinPepper);
  });

  it('outside production, keeps one encryption key in the data folder, readable by its owner only', () => {
    const first = loadConfig(base);
    expect(first.encryptionKey).toHaveLength(32);
    expect(loadConfig(base).encryptionKey.equals(first.encryptionKey)).toBe(true);
    const file = join(dataDir, 'encryption-key');
    expect(Buffer.from(readFileSync(file, 'utf8'), 'hex').equals(first.encryptionKey)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads ENCRYPTION_KEY as 64 hex characters or base64, and refuses anything else, naming it', () => {
    const key = randomBytes(32);
    expect(loadConfig({ ...base, ENCRYPTION_KEY: key.toString('hex') }).encryptionKey.equals(key)).toBe(true);
    expect(loadConfig({ ...base, ENCRYPTION_KEY: key.toString('base64') }).encryptionKey.equals(key)).toBe(
      true,
    );
    for (const bad of ['short', 'ab'.repeat(31), randomBytes(31).toString('base64')]) {
      expect(() => loadConfig({ ...base, ENCRYPTION_KEY: bad })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
    }
  });

  it('requires ENCRYPTION_KEY in production', () => {
    const secrets = { JWT_SECRET: 's'.repeat(32), PIN_PEPPER: 'p'.repeat(32) };
    expect(() => loadConfig({ ...base, ...secrets, NODE_ENV: 'production' })).toThrow(
      /ENCRYPTION_KEY: is required in production/,
    );
  });

  it('keeps a simulated unit per database in the data folder, and stops the start when its folder cannot be written', () => {
    expect(loadConfig({ ...base, FISCAL_SIGNER: 'simulated-tse' }).fiscalSigner).toEqual({
      kind: 'simulated-tse',
      folder: join(dataDir, 'tse', 'pos'),
    });
    const beside = `sqlite:${join(dataDir, 'pos-training.sqlite')}`;
    expect(
      loadConfig({ ...base, DATABASE_URL: beside, FISCAL_SIGNER: 'simulated-tse' }).fiscalSigner,
    ).toEqual({
      kind: 'simulated-tse',
      folder: join(dataDir, 'tse', 'pos-training'),
    });
    const file = join(dataDir, 'pin-pepper');
    loadConfig(base);
    expect(() =>
      loadConfig({ ...base, FISCAL_SIGNER: 'simulated-tse', FISCAL_TSE_DIR: join(file, 'tse') }),
    ).toThrow(/FISCAL_TSE_DIR: cannot write in/);
  });
});
