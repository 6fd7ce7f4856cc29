/**
 * A verifier of Austrian receipts written from the finance ministry's reference rules (test/fixtures/rksv), and a
 * reader of the QR codes an ESC/POS print carries.
 */
import { createDecipheriv, createHash, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';

export const rules = JSON.parse(readFileSync(join(__dirname, '../fixtures/rksv/rules.json'), 'utf8')) as {
  jwsHeader: string;
  amountPattern: string;
  dateTimePattern: string;
  chainingBytes: number;
  turnoverCounterBytes: number;
  ivBytes: number;
  deviceFailedText: string;
  stornoMarker: string;
  trainingMarker: string;
};

export type Dep = {
  'Belege-Gruppe': Array<{
    Signaturzertifikat: string;
    Zertifizierungsstellen: string[];
    'Belege-kompakt': string[];
  }>;
};
export type Container = {
  base64AESKey: string;
  certificateOrPublicKeyMap: Record<
    string,
    { id: string; signatureDeviceType: string; signatureCertificateOrPublicKey: string }
  >;
};

/** Minor units of an amount field: `-12,50` is -1250. */
const cents = (field: string): number => {
  expect(field).toMatch(new RegExp(rules.amountPattern));
  const [whole, fraction] = field.replace('-', '').split(',');
  return (field.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(fraction));
};

/** The QR code's content from a JWS, by the reference's rule: payload, `_`, standard base64 of the signature. */
export const qrOf = (jws: string): string => {
  const [, payload, signature] = jws.split('.');
  return `${Buffer.from(payload, 'base64url').toString('utf8')}_${Buffer.from(signature, 'base64url').toString('base64')}`;
};

/**
 * The QR codes an ESC/POS print holds, decoded: each raster image it stores (GS 8 L p1..p4 m fn=112 a bx by c xL
 * xH yL yH, then the dots, a row of bytes each, most significant bit leftmost) read by jsQR.
 */
export function qrCodesOn(print: Buffer): string[] {
  const codes: string[] = [];
  const command = Buffer.from([0x1d, 0x38, 0x4c]);
  for (let at = print.indexOf(command); at >= 0; at = print.indexOf(command, at + 1)) {
    if (print[at + 8] !== 0x70) continue;
    const width = print.readUInt16LE(at + 13);
    const height = print.readUInt16LE(at + 15);
    const bytesPerRow = Math.ceil(width / 8);
    const dots = print.subarray(at + 17, at + 17 + bytesPerRow * height);
    const pad = 16;
    const w = width + 2 * pad;
    const h = height + 2 * pad;
    const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (dots[y * bytesPerRow + (x >> 3)] & (0x80 >> (x & 7))) {
          const i = ((y + pad) * w + x + pad) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
      }
    const decoded = jsQR(rgba, w, h);
    if (decoded) codes.push(decoded.data);
  }
  return codes;
}

/** What the verifier read from one register's DEP: each receipt's fields, and what it found. */
interface Verified {
  receipts: Array<{
    number: string;
    kind: 'zero' | 'sale' | 'storno' | 'training';
    failed: boolean;
    sum: number;
  }>;
  turnover: number;
}

/**
 * Checks a register's DEP by the reference's rules with only what an auditor has: the DEP and the crypto
 * material container. Throws (through expect) at the first receipt that breaks a rule.
 */
export function verifyDep(cashRegisterId: string, dep: Dep, container: Container): Verified {
  const [group] = dep['Belege-Gruppe'];
  const certificate = new X509Certificate(Buffer.from(group.Signaturzertifikat, 'base64'));
  const serial = certificate.serialNumber.toLowerCase();
  expect(container.certificateOrPublicKeyMap[serial]).toEqual({
    id: serial,
    signatureDeviceType: 'CERTIFICATE',
    signatureCertificateOrPublicKey: group.Signaturzertifikat,
  });
  const aesKey = Buffer.from(container.base64AESKey, 'base64');
  expect(aesKey).toHaveLength(32);
  let previous: string | null = null;
  let turnover = 0;
  const receipts: Verified['receipts'] = [];
  for (const jws of group['Belege-kompakt']) {
    const [header, payloadPart, signaturePart] = jws.split('.');
    expect(header).toBe(rules.jwsHeader);
    const fields = Buffer.from(payloadPart, 'base64url').toString('utf8').split('_');
    expect(fields).toHaveLength(13);
    const [empty, suite, register, number, dateTime, ...rest] = fields;
    const [normal, reduced1, reduced2, zero, special, counter, certSerial, chain] = rest;
    expect([empty, register, certSerial]).toEqual(['', cashRegisterId, serial]);
    expect(suite).toMatch(/^R1-AT\d+$/);
    expect(dateTime).toMatch(new RegExp(rules.dateTimePattern));
    const expectedChain = createHash('sha256')
      .update(previous ?? cashRegisterId, 'utf8')
      .digest()
      .subarray(0, rules.chainingBytes)
      .toString('base64');
    expect(chain).toBe(expectedChain);
    const signature = Buffer.from(signaturePart, 'base64url');
    const failed = signature.toString('utf8') === rules.deviceFailedText;
    if (!failed) {
      const holds = verify(
        'sha256',
        Buffer.from(`${header}.${payloadPart}`, 'utf8'),
        { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      );
      expect({ number, holds }).toEqual({ number, holds: true });
    }
    const sum = [normal, reduced1, reduced2, zero, special].map(cents).reduce((a, b) => a + b, 0);
    const marker = Buffer.from(counter, 'base64').toString('utf8');
    let kind: Verified['receipts'][number]['kind'];
    if (marker === rules.stornoMarker) {
      kind = 'storno';
      turnover += sum;
    } else if (marker === rules.trainingMarker) kind = 'training';
    else {
      turnover += sum;
      kind = sum === 0 ? 'zero' : 'sale';
      const iv = createHash('sha256')
        .update(cashRegisterId + number, 'utf8')
        .digest()
        .subarray(0, rules.ivBytes);
      const decipher = createDecipheriv('aes-256-ctr', aesKey, iv);
      const plain = Buffer.concat([decipher.update(Buffer.from(counter, 'base64')), decipher.final()]);
      expect(plain).toHaveLength(rules.turnoverCounterBytes);
      expect({ number, counter: Number(plain.readBigInt64BE(0)) }).toEqual({ number, counter: turnover });
    }
    receipts.push({ number, kind, failed, sum });
    previous = jws;
  }
  return { receipts, turnover };
}
