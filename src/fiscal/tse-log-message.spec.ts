import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FiscalRecord, UnitUnreachable } from './fiscal-unit';
import { OUT_OF_SERVICE_FILE, SimulatedTse } from './simulated-tse';
import { receiptQrCode, signatureHolds } from './tse-log-message';

const record = (
  transactionId: string,
  processData = 'Beleg^11.90_0.00_0.00_0.00_0.00^11.90:Bar',
): FiscalRecord => ({
  transactionId,
  clientId: 'tablet-1',
  processType: 'Kassenbeleg-V1',
  processData,
});

describe('the simulated unit and TR-03153 log messages', () => {
  it('signs finishes with a gap-free counter that its public key verifies, and answers a repeat alike', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tse-'));
    const unit = new SimulatedTse(folder);
    const { serial, publicKey } = await unit.identity();
    const first = await unit.finish(record('a'));
    const second = await unit.finish(record('b'));
    expect([first.signatureCounter, second.signatureCounter]).toEqual([1, 2]);
    expect([first.transactionNumber, second.transactionNumber]).toEqual([1, 2]);
    expect(await unit.finish(record('a'))).toEqual(first);

    const fields = { ...record('a'), transactionNumber: 1, serial, signatureCounter: 1, logTime: first.end };
    expect(signatureHolds(fields, first.signature, publicKey)).toBe(true);
    expect(
      signatureHolds(
        { ...fields, processData: 'Beleg^11.91_0.00_0.00_0.00_0.00^11.91:Bar' },
        first.signature,
        publicKey,
      ),
    ).toBe(false);
    expect(signatureHolds({ ...fields, signatureCounter: 2 }, first.signature, publicKey)).toBe(false);
    expect(Buffer.from(first.logMessage, 'base64').includes(Buffer.from(first.signature, 'base64'))).toBe(
      true,
    );

    const reopened = new SimulatedTse(folder);
    expect((await reopened.identity()).serial).toBe(serial);
    expect(await reopened.finish(record('b'))).toEqual(second);
    expect((await reopened.finish(record('c'))).signatureCounter).toBe(3);
  });

  it('numbers on from what another instance sharing its folder signed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tse-'));
    const one = new SimulatedTse(folder);
    const two = new SimulatedTse(folder);
    await one.finish(record('a'));
    expect((await two.finish(record('b'))).signatureCounter).toBe(2);
    expect((await one.finish(record('c'))).signatureCounter).toBe(3);
    expect((await two.finish(record('a'))).signatureCounter).toBe(1);
  });

  it('answers nothing while it is out of service', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tse-'));
    const unit = new SimulatedTse(folder);
    writeFileSync(join(folder, OUT_OF_SERVICE_FILE), '');
    await expect(unit.finish(record('a'))).rejects.toBeInstanceOf(UnitUnreachable);
  });

  it('writes the QR code in the V0 format', () => {
    const start = new Date('2026-11-24T18:41:04.000Z');
    const end = new Date('2026-11-24T18:41:05.000Z');
    expect(
      receiptQrCode({
        ...record('a'),
        transactionNumber: 7,
        signatureCounter: 9,
        start,
        end,
        signature: 'c2ln',
        publicKey: 'a2V5',
      }),
    ).toBe(
      'V0;tablet-1;Kassenbeleg-V1;Beleg^11.90_0.00_0.00_0.00_0.00^11.90:Bar;7;9;2026-11-24T18:41:04.000Z;' +
        '2026-11-24T18:41:05.000Z;ecdsa-plain-SHA256;unixTime;c2ln;a2V5',
    );
  });
});
