import { FiscalSigner, HmacFiscalSigner, NoFiscalSigner } from './fiscal-signer';
import { chainHash, ChainVerifier, fiscalReceiptOf, GENESIS_HASH } from './receipt-chain';
import { Receipt } from './receipt.entity';

const signer = new HmacFiscalSigner('k'.repeat(32));

/** A chain of `count` receipts, signed by `sign` (or not). */
function chain(count: number, sign = false): Receipt[] {
  const receipts: Receipt[] = [];
  let previousHash = GENESIS_HASH;
  for (let number = 1; number <= count; number++) {
    const receipt: Receipt = Object.assign(new Receipt(), {
      id: `id-${number}`,
      number,
      kind: 'sale',
      orderId: `order-${number}`,
      refundOf: null,
      issuedFor: `order:order-${number}`,
      issuedAt: new Date(Date.UTC(2026, 10, 22, 18, number)),
      total: 1000 * number,
      content: JSON.stringify({ lines: [{ name: 'Fries', total: 1000 * number }], tips: 0 }),
      previousHash,
      hash: '',
      signature: null,
      token: `token-${number}`,
    });
    receipt.hash = chainHash(previousHash, fiscalReceiptOf(receipt));
    receipt.signature = sign ? signer.sign(receipt.hash) : null;
    previousHash = receipt.hash;
    receipts.push(receipt);
  }
  return receipts;
}

function verify(receipts: Receipt[], lastIssued = receipts.length, by: FiscalSigner = new NoFiscalSigner()) {
  const verifier = new ChainVerifier(by);
  for (const receipt of receipts) if (!verifier.accept(receipt)) break;
  return verifier.result(lastIssued);
}

describe('ChainVerifier', () => {
  it('accepts an intact chain, signed or not', () => {
    expect(verify(chain(5))).toEqual({ ok: true, checked: 5, firstBrokenNumber: null });
    expect(verify(chain(5, true), 5, signer)).toEqual({ ok: true, checked: 5, firstBrokenNumber: null });
  });

  it.each([
    ['an amount', (receipt: Receipt) => (receipt.total += 1)],
    ['a line', (receipt: Receipt) => (receipt.content = receipt.content.replace('Fries', 'Chips'))],
    ['the time', (receipt: Receipt) => (receipt.issuedAt = new Date(receipt.issuedAt.getTime() + 1))],
    ['the hash', (receipt: Receipt) => (receipt.hash = receipt.hash.replace(/^./, 'f'))],
    ['the previous hash', (receipt: Receipt) => (receipt.previousHash = GENESIS_HASH)],
  ])('names the receipt whose %s was altered', (_what, alter) => {
    const receipts = chain(5);
    alter(receipts[2]);
    expect(verify(receipts)).toEqual({ ok: false, checked: 3, firstBrokenNumber: 3 });
  });

  it('names a receipt missing in the middle or at the end', () => {
    const receipts = chain(5);
    expect(verify([...receipts.slice(0, 2), ...receipts.slice(3)]).firstBrokenNumber).toBe(3);
    expect(verify(receipts.slice(0, 4), 5).firstBrokenNumber).toBe(5);
  });

  it('names a forged signature, a signature stripped after signing began, and a signature it cannot check', () => {
    const forged = chain(4, true);
    forged[1].signature = `hmac-sha256:${'0'.repeat(64)}`;
    expect(verify(forged, 4, signer).firstBrokenNumber).toBe(2);
    const stripped = chain(4, true);
    stripped[2].signature = null;
    expect(verify(stripped, 4, signer).firstBrokenNumber).toBe(3);
    expect(verify(chain(4, true)).firstBrokenNumber).toBe(1);
  });
});
