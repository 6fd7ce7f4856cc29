/**
 * The fiskaly SIGN DE adapter against a local fake of fiskaly's API: sign-in and its renewal, each till a client
 * registered once, start and finish, repeats that sign nothing twice, and each fault mapped to the error the
 * fiscal consumer acts on.
 */
import { randomUUID } from 'node:crypto';
import { FiscalRecord, TransactionRefused, UnitUnreachable } from '../src/fiscal/fiscal-unit';
import { fiskalyClientId, FiskalyConfig, FiskalyUnit } from '../src/fiscal/fiskaly-unit';
import { signatureHolds } from '../src/fiscal/tse-log-message';
import { FakeFiskaly } from './support/fake-fiskaly';

jest.setTimeout(60_000);

const configOf = (fake: FakeFiskaly, changes: Partial<FiskalyConfig> = {}): FiskalyConfig => ({
  kind: 'fiskaly',
  baseUrl: fake.url,
  apiKey: fake.apiKey,
  apiSecret: fake.apiSecret,
  tssId: fake.tssId,
  adminPin: fake.adminPin,
  ...changes,
});

const recordOf = (till = 'waiter-tablet-1'): FiscalRecord => ({
  transactionId: randomUUID(),
  clientId: till,
  processType: 'Kassenbeleg-V1',
  processData: `Beleg^12.50_0.00_0.00_0.00_0.00^12.50:Bar`,
});

/** The error `work` rejects with. */
async function failureOf(work: Promise<unknown>): Promise<Error> {
  const outcome = await work.then(
    () => null,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

describe('fiskaly SIGN DE adapter', () => {
  let fake: FakeFiskaly;

  beforeEach(async () => {
    fake = await new FakeFiskaly().start();
  });

  afterEach(() => fake.close());

  it("answers the TSS's identity, signing in with the key once", async () => {
    const unit = new FiskalyUnit(configOf(fake));
    await expect(unit.identity()).resolves.toEqual({
      serial: fake.serial,
      publicKey: fake.publicKey,
      algorithm: 'ecdsa-plain-SHA256',
      timeFormat: 'unixTime',
    });
    await unit.identity();
    expect(fake.counts.keySignIns).toBe(1);
  });

  it('registers each till once as a client, and signs its transactions so that they verify', async () => {
    const unit = new FiskalyUnit(configOf(fake));
    const { publicKey, serial } = await unit.identity();
    const first = recordOf();
    const started = await unit.start(first);
    const signed = await unit.finish(first);
    const second = recordOf();
    await unit.start(second);
    const next = await unit.finish(second);

    const clientId = fiskalyClientId(fake.tssId, 'waiter-tablet-1');
    expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fake.clients.get(clientId)).toEqual({ serial_number: 'waiter-tablet-1' });
    expect(fake.clientPuts.get(clientId)).toBe(1);
    expect(fake.counts.adminSignIns).toBe(1);
    expect(signed.transactionNumber).toBe(started.transactionNumber);
    expect(signed.start).toEqual(started.start);
    expect(next.transactionNumber).toBe(signed.transactionNumber + 1);
    // A TSE signs every revision: the start of the next transaction takes a counter between the two finishes.
    expect(next.signatureCounter).toBe(signed.signatureCounter + 2);
    expect(fake.transaction(first.transactionId)).toMatchObject({
      state: 'FINISHED',
      client_serial_number: 'waiter-tablet-1',
      schema: {
        raw: {
          process_type: 'Kassenbeleg-V1',
          process_data: Buffer.from(first.processData).toString('base64'),
        },
      },
    });
    const fields = {
      ...first,
      transactionNumber: signed.transactionNumber,
      serial,
      signatureCounter: signed.signatureCounter,
      logTime: signed.end,
    };
    expect(signatureHolds(fields, signed.signature, publicKey)).toBe(true);
    expect(signatureHolds({ ...fields, processData: 'Beleg^99.00' }, signed.signature, publicKey)).toBe(
      false,
    );
    expect(Buffer.from(signed.logMessage, 'base64').includes(Buffer.from(signed.signature, 'base64'))).toBe(
      true,
    );
  });

  it('answers a repeated start or finish with what fiskaly holds, also after a restart, signing once', async () => {
    const unit = new FiskalyUnit(configOf(fake));
    const record = recordOf();
    const started = await unit.start(record);
    await expect(unit.start(record)).resolves.toEqual(started);
    const signed = await unit.finish(record);
    await expect(unit.finish(record)).resolves.toEqual(signed);

    const restarted = new FiskalyUnit(configOf(fake));
    await expect(restarted.start(record)).resolves.toEqual(started);
    await expect(restarted.finish(record)).resolves.toEqual(signed);
    expect(fake.finishesOf(record.transactionId)).toBe(1);
    // The restarted adapter met the client fiskaly already had, and took it as the same till.
    expect(fake.clientPuts.get(fiskalyClientId(fake.tssId, record.clientId))).toBe(2);
  });

  it('renews its access token before it expires, and signs in again when fiskaly ends the session', async () => {
    fake.tokenLifetime = 1;
    const unit = new FiskalyUnit(configOf(fake));
    await unit.identity();
    const renewFrom = Date.now() + 500;
    while (Date.now() < renewFrom) await new Promise((resolve) => setTimeout(resolve, 50));
    await unit.start(recordOf());
    expect(fake.counts).toMatchObject({ keySignIns: 1, refreshes: 1, unauthorized: 0 });

    fake.tokenLifetime = 600;
    fake.expireTokens();
    const record = recordOf('qr-ordering');
    await unit.start(record);
    await unit.finish(record);
    expect(fake.counts).toMatchObject({ keySignIns: 2, unauthorized: 1 });
    // Admin rights went with the old token: the new till was registered with a fresh admin sign-in.
    expect(fake.counts.adminSignIns).toBe(2);
  });

  it.each([
    ['unavailable', /fiskaly answered 503 to PUT .*E_UNAVAILABLE: in maintenance/],
    ['busy', /fiskaly asked us to slow down 429 to PUT .*E_RATE_LIMIT/],
    ['drop', /fiskaly did not answer PUT .*: \w+/],
    ['stall', /fiskaly did not answer PUT .*: no answer within 0.3 s/],
  ] as const)(
    'takes fiskaly %s as the unit unreachable, and signs once it is back',
    async (fault, message) => {
      const unit = new FiskalyUnit(configOf(fake), { timeoutMs: 300 });
      const record = recordOf();
      await unit.start(record);
      fake.cut(fault);
      const error = await failureOf(unit.finish(record));
      expect(error).toBeInstanceOf(UnitUnreachable);
      expect(error.message).toMatch(message);
      fake.restore();
      await expect(unit.finish(record)).resolves.toMatchObject({ transactionNumber: 1 });
      expect(fake.finishesOf(record.transactionId)).toBe(1);
    },
  );

  it('takes a 400 about one transaction as that transaction refused, and goes on with the next', async () => {
    const unit = new FiskalyUnit(configOf(fake));
    const refused = recordOf();
    fake.refuse(refused.transactionId, 'process_data is not a valid Kassenbeleg-V1');
    const error = await failureOf(unit.start(refused));
    expect(error).toBeInstanceOf(TransactionRefused);
    expect(error.message).toBe(
      `fiskaly refused transaction ${refused.transactionId} (ACTIVE): E_TX_DATA: process_data is not a valid Kassenbeleg-V1`,
    );
    const next = recordOf();
    await unit.start(next);
    await expect(unit.finish(next)).resolves.toMatchObject({ transactionNumber: 1 });
  });

  it('names the setting fiskaly refused, never its value, and tries a refused PIN no more', async () => {
    const wrongKey = new FiskalyUnit(configOf(fake, { apiSecret: 'not-the-secret' }));
    const keyError = await failureOf(wrongKey.identity());
    expect(keyError).toBeInstanceOf(UnitUnreachable);
    expect(keyError.message).toMatch(/refused FISKALY_API_KEY and FISKALY_API_SECRET \(401 to POST \/auth\)/);
    expect(keyError.message).not.toContain('not-the-secret');

    const wrongPin = new FiskalyUnit(configOf(fake, { adminPin: '999999' }));
    const pinError = await failureOf(wrongPin.start(recordOf()));
    expect(pinError).toBeInstanceOf(UnitUnreachable);
    expect(pinError.message).toMatch(/refused the admin PIN \(FISKALY_ADMIN_PIN\).*E_ADMIN_PIN/);
    expect(pinError.message).not.toContain('999999');
    const triedPins = fake.counts.wrongPins;
    await expect(wrongPin.start(recordOf())).rejects.toThrow(pinError.message);
    expect(fake.counts.wrongPins).toBe(triedPins);

    fake.tssState = 'UNINITIALIZED';
    const notReady = new FiskalyUnit(configOf(fake));
    await expect(notReady.identity()).rejects.toThrow(/TSS .* is UNINITIALIZED, not INITIALIZED/);
    fake.tssState = 'INITIALIZED';
    await expect(notReady.identity()).resolves.toMatchObject({ serial: fake.serial });

    const otherTss = new FiskalyUnit(configOf(fake, { tssId: randomUUID() }));
    await expect(otherTss.identity()).rejects.toThrow(/fiskaly knows no TSS .* \(FISKALY_TSS_ID\)/);
  });
});
