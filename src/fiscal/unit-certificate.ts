import { createPublicKey, KeyObject, sign } from 'node:crypto';
import { objectIdentifier, tlv } from './tse-log-message';

const ECDSA_WITH_SHA256_OID = '1.2.840.10045.4.3.2';
const COMMON_NAME_OID = '2.5.4.3';

const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));

/** A name of one common name: `CN=<name>`. */
const nameOf = (commonName: string): Buffer =>
  sequence(
    tlv(0x31, sequence(objectIdentifier(COMMON_NAME_OID), tlv(0x0c, Buffer.from(commonName, 'utf8')))),
  );

/** The certificate's serial number from the unit's: 8 bytes, kept positive and minimal as DER wants (0x40..0x7f first). */
function serialNumberOf(serial: string): Buffer {
  const bytes = Buffer.from(serial.slice(0, 16).padEnd(16, '0'), 'hex');
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes;
}

/**
 * A self-signed X.509 v3 certificate (DER, base64) for the simulated unit's key: the DSFinV-K's tse.csv asks for
 * the unit's certificate, and a simulated unit has no certification body to issue one. It is made from the key
 * and the serial alone (fixed validity, serial number from the unit's serial), so the same key always gives the
 * same certificate apart from the signature.
 */
export function selfSignedCertificate(
  key: KeyObject,
  serial: string,
  commonName = `Simulated TSE ${serial.slice(0, 16)}`,
): string {
  const algorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256_OID));
  const name = nameOf(commonName);
  const toBeSigned = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serialNumberOf(serial)),
    algorithm,
    name,
    sequence(tlv(0x17, Buffer.from('250101000000Z')), tlv(0x18, Buffer.from('99991231235959Z'))),
    name,
    createPublicKey(key).export({ format: 'der', type: 'spki' }),
  );
  const signature = sign('sha256', toBeSigned, { key, dsaEncoding: 'der' });
  const bits = tlv(0x03, Buffer.concat([Buffer.from([0]), signature]));
  return sequence(toBeSigned, algorithm, bits).toString('base64');
}

/** The base64 body of a PEM certificate (the first, when it is a chain). */
export function derOfPem(pem: string): string | null {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  return match ? match[1].replace(/\s/g, '') : null;
}
