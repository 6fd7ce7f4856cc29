import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  X509Certificate,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCertificate } from './unit-certificate';

/** Who an Austrian signature device is: what each receipt names, and what the DEP and the auditor's tool carry. */
export interface RksvDeviceIdentity {
  /** The suite and certification body (ZDA) for the payload: `R1-AT100`. */
  suite: string;
  /** The certificate's serial number, hex, as the payload names it. */
  certificateSerial: string;
  /** Base64 of the signing certificate (DER). */
  certificate: string;
  /** Base64 DER of the certificates above it (none for a self-signed one). */
  chain: string[];
}

/**
 * An Austrian signature device (Signaturerstellungseinheit) behind the fiscal signer seam: it signs the receipt
 * register's `header.payload` with ES256 and answers r‖s. The register calls it inside the receipt's transaction,
 * so a receipt is signed exactly once, when it commits. An abstract class only so that Nest can inject it by type.
 */
export abstract class RksvDevice {
  /** What FISCAL_SIGNER names. */
  abstract readonly kind: string;
  abstract identity(): RksvDeviceIdentity;
  /** ES256 over `input`: 64 bytes r‖s. */
  abstract sign(input: string): Promise<Buffer>;
}

/**
 * FISCAL_SIGNER=simulated-rksv: a signature device in this process for trials, training and tests, not certified.
 * An ECDSA P-256 key made on first use (`key.pem` in FISCAL_TSE_DIR, by default `rksv/<database name>` in the data
 * folder) and a self-signed certificate; the reference's own demo names such an open system's ZDA `AT100`.
 */
export class SimulatedRksvDevice extends RksvDevice {
  readonly kind = 'simulated-rksv';
  private readonly key: KeyObject;
  private readonly device: RksvDeviceIdentity;

  constructor(folder: string) {
    super();
    mkdirSync(folder, { recursive: true });
    this.key = loadKey(join(folder, 'key.pem'));
    const fingerprint = createHashOfKey(this.key);
    const certificate = selfSignedCertificate(
      this.key,
      fingerprint,
      `Simulated RKSV ${fingerprint.slice(0, 16)}`,
    );
    this.device = {
      suite: 'R1-AT100',
      certificateSerial: new X509Certificate(Buffer.from(certificate, 'base64')).serialNumber.toLowerCase(),
      certificate,
      chain: [],
    };
  }

  identity(): RksvDeviceIdentity {
    return this.device;
  }

  sign(input: string): Promise<Buffer> {
    return Promise.resolve(
      sign('sha256', Buffer.from(input, 'utf8'), { key: this.key, dsaEncoding: 'ieee-p1363' }),
    );
  }
}

/** Hex of the SHA-256 of the public key: the certificate's serial number is made from it. */
function createHashOfKey(key: KeyObject): string {
  return createHash('sha256')
    .update(createPublicKey(key).export({ format: 'der', type: 'spki' }))
    .digest('hex');
}

function loadKey(file: string): KeyObject {
  if (existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(file, 0o600);
  return privateKey;
}
