import { ApiProperty } from '@nestjs/swagger';

export class CashRegisterView {
  @ApiProperty({ example: 'pos', description: 'The Kassen-ID: the till (letters and digits)' })
  cashRegisterId!: string;
  @ApiProperty({ example: '4a1f…', description: "The signature device's certificate serial number (hex)" })
  certificateSerial!: string;
  @ApiProperty({ description: 'The turnover counter, in cents: every sale and Storno so far' })
  turnoverCounter!: number;
  @ApiProperty({ type: String, nullable: true, example: '42', description: 'The last Belegnummer' })
  lastReceiptId!: string | null;
  @ApiProperty({ enum: ['signing', 'device_failed'] }) state!: 'signing' | 'device_failed';
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the device went out' })
  deviceFailedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'An outage of more than 48 hours must be reported to the tax office (FinanzOnline) by then: 48 hours after it began',
  })
  reportBy!: string | null;
}

export class DepGroupView {
  @ApiProperty({ description: "Base64 of the signature device's certificate (DER)" })
  Signaturzertifikat!: string;
  @ApiProperty({ type: [String], description: 'Base64 DER of the certificates above it' })
  Zertifizierungsstellen!: string[];
  @ApiProperty({
    name: 'Belege-kompakt',
    type: [String],
    description: 'Each receipt as JWS, in series order',
  })
  'Belege-kompakt'!: string[];
}

/** The DEP export (Datenerfassungsprotokoll) in the reference's JSON form. */
export class DepExportView {
  @ApiProperty({ name: 'Belege-Gruppe', type: [DepGroupView] })
  'Belege-Gruppe'!: DepGroupView[];
}

export class CertificateOrPublicKeyView {
  @ApiProperty({ description: 'The certificate serial number (hex), as the receipts name it' }) id!: string;
  @ApiProperty({ enum: ['CERTIFICATE', 'PUBLIC_KEY'] }) signatureDeviceType!: string;
  @ApiProperty({ description: 'Base64 DER' }) signatureCertificateOrPublicKey!: string;
}

/** What the reference's checking tool needs besides the DEP: the register's AES key and the device's certificate. */
export class CryptographicMaterialContainerView {
  @ApiProperty({ description: "Base64 of the register's AES-256 key" }) base64AESKey!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CertificateOrPublicKeyView' },
    description: 'By certificate serial number',
  })
  certificateOrPublicKeyMap!: Record<string, CertificateOrPublicKeyView>;
}

export class RksvReceiptView {
  @ApiProperty({ example: 'pos' }) cashRegisterId!: string;
  @ApiProperty({ example: '1', description: 'The Belegnummer' }) receiptNumber!: string;
  @ApiProperty({ enum: ['start', 'month', 'year', 'closing', 'collective'] }) kind!: string;
  @ApiProperty({ description: 'The receipt as JWS' }) jws!: string;
  @ApiProperty({ description: 'What its QR code holds' }) qrCode!: string;
}
