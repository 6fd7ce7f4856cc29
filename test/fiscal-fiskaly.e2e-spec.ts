/**
 * The fiskaly SIGN DE adapter against a local fake of fiskaly's API: sign-in and its renewal, each till a client
 * registered once, start and finish, repeats that sign nothing twice, and each fault mapped to the error the
 * fiscal consumer acts on. Then the service with FISCAL_SIGNER=fiskaly pointed at the fake: receipts signed,
 * receipts waiting while fiskaly is out and signed once each when it is back, one refused and the rest signed.
 */
import { randomUUID } from 'node:crypto';
import { FiscalRecord, TransactionRefused, UnitUnreachable } from '../src/fiscal/fiscal-unit';
import { fiskalyClientId, FiskalyConfig, FiskalyUnit } from '../src/fiscal/fiskaly-unit';
import { tillIdOf } from '../src/fiscal/till-ids';
import { signatureHolds } from '../src/fiscal/tse-log-message';
import { as, NewStaff } from './support/clients';
import type { Restaurant } from './support/factories';
import { FAKE_CERTIFICATE, FakeFiskaly } from './support/fake-fiskaly';
import { fiskalyShop, soldOn } from './support/fiscal-sales';
import type { TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

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
      certificate: FAKE_CERTIFICATE,
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
    ['answering 503', 'unavailable', /fiskaly answered 503 to PUT .*E_UNAVAILABLE: in maintenance/],
    [
      'answering 429',
      'busy',
      /fiskaly answered 429 \(too many requests: it asks us to slow down\) to PUT .*E_RATE_LIMIT/,
    ],
    ['dropping the connection', 'drop', /fiskaly did not answer PUT .*: \w+/],
    ['losing the answer to a finish it made', 'lose', /fiskaly did not answer PUT .*: \w+/],
    ['not answering within the timeout', 'stall', /fiskaly did not answer PUT .*: no answer within 0.3 s/],
  ] as const)(
    'takes fiskaly %s as the unit unreachable, and signs once when it is back',
    async (_, fault, message) => {
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

  it('takes a 400 about one transaction or till as that one refused, and goes on with the next', async () => {
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

    fake.maxClients = 1;
    const tillError = await failureOf(unit.start(recordOf('channel-3')));
    expect(tillError).toBeInstanceOf(TransactionRefused);
    expect(tillError.message).toBe(
      'fiskaly refused the till "channel-3" as a client: E_CLIENT_LIMIT: the TSS takes at most 1 clients',
    );
    await expect(unit.start(recordOf())).resolves.toMatchObject({ transactionNumber: 2 });
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

type Fiscal = {
  state: 'signed' | 'pending' | 'unit_failed';
  unitSerial: string | null;
  transactionNumber: number | null;
  signatureCounter: number | null;
  signature: string | null;
  qrCode: string | null;
  error: string | null;
};
type Receipt = { id: string; orderId: string; fiscal: Fiscal | null };

describe('The service signing with fiskaly', () => {
  let fake: FakeFiskaly;
  let t: TestApp;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;

  beforeAll(async () => {
    ({ fake, t, waiter, manager, r, cashId } = await fiskalyShop());
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** A takeaway order from the tablet, sent to the kitchen, paid in cash and closed: it gets its receipt. */
  const servedOrder = () =>
    soldOn(t, waiter.session, { device: 'tablet-1', dishId: r.fries.id, quantity: 2, cashId });

  const receiptsIn = (orderIds: string[], state: Fiscal['state']) =>
    eventually(`${orderIds.length} receipts ${state}`, async () => {
      const receipts = (
        (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body.items as Receipt[]
      ).filter((receipt) => orderIds.includes(receipt.orderId));
      return (
        receipts.length === orderIds.length &&
        receipts.every((receipt) => receipt.fiscal?.state === state) &&
        receipts
      );
    });

  it("signs a closed order's receipt with fiskaly's serial, number and counter", async () => {
    const [receipt] = await receiptsIn([await servedOrder()], 'signed');
    const fiscal = receipt.fiscal!;
    const held = fake.finished().find((tx) => tx.number === fiscal.transactionNumber)!;
    expect(held.schema!.raw.process_type).toBe('Kassenbeleg-V1');
    expect(fiscal).toMatchObject({
      unitSerial: fake.serial,
      signatureCounter: held.signature.counter,
      signature: held.signature.value,
      error: null,
    });
    // The QR code alone proves the receipt: its fields and the public key check fiskaly's signature.
    const [, clientId, processType, processData, number, counter, , end, , , signature, publicKey] =
      fiscal.qrCode!.split(';');
    // The tablet's X-Device-Id, mapped to letters and digits as the unit and the export take a till's id.
    expect([clientId, signature, publicKey]).toEqual([
      tillIdOf('tablet-1'),
      held.signature.value,
      fake.publicKey,
    ]);
    const fields = {
      clientId,
      processType,
      processData,
      transactionNumber: Number(number),
      serial: fake.serial,
      signatureCounter: Number(counter),
      logTime: new Date(end),
    };
    expect(signatureHolds(fields, signature, publicKey)).toBe(true);
    expect(signatureHolds({ ...fields, processData: `${processData}0` }, signature, publicKey)).toBe(false);
    expect([...fake.clients.values()]).toEqual([{ serial_number: tillIdOf('tablet-1') }]);
  });

  it('marks receipts while fiskaly answers 503, and signs each of them once when it is back', async () => {
    fake.cut('unavailable');
    const during = [await servedOrder(), await servedOrder()];
    const failed = await receiptsIn(during, 'unit_failed');
    expect(failed[0].fiscal).toMatchObject({ signature: null, qrCode: null });
    expect(failed[0].fiscal!.error).toMatch(/fiskaly answered 503/);

    fake.restore();
    t.clock.advance(15_000);
    await receiptsIn(during, 'signed');
    // Each receipt one transaction at fiskaly, finished once: three receipts so far, the first test's included.
    const receipts = fake.finished().filter((tx) => tx.schema!.raw.process_type === 'Kassenbeleg-V1');
    expect(receipts).toHaveLength(3);
    for (const tx of fake.finished()) expect(fake.finishesOf(tx._id)).toBe(1);
  });

  it('marks a receipt fiskaly refuses with its reason, and signs the next ones', async () => {
    fake.refuseNext('Kassenbeleg-V1', 'the amounts per VAT rate do not add up');
    const refused = await servedOrder();
    const [receipt] = await receiptsIn([refused], 'unit_failed');
    expect(receipt.fiscal!.error).toMatch(
      /fiskaly refused transaction .*: E_TX_DATA: the amounts per VAT rate/,
    );
    await receiptsIn([await servedOrder(), await servedOrder()], 'signed');
    expect((await receiptsIn([refused], 'unit_failed'))[0].fiscal!.signature).toBeNull();

    const units = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body
      .items as unknown[];
    expect(units).toEqual([
      expect.objectContaining({
        kind: 'fiskaly',
        serial: fake.serial,
        publicKey: fake.publicKey,
        reachable: true,
        signatureCounter: fake.finished().at(-1)!.signature.counter,
        failed: 1,
        clients: [tillIdOf('tablet-1')],
      }),
    ]);
  });
});
