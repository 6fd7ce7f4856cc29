import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PaymentMethodKind } from '../../payments/payment.entities';

export class ReceiptModifierView {
  @ApiProperty({ example: 'Aioli' }) name!: string;
  @ApiProperty({ example: 150, description: 'Minor units added to the unit price' }) priceDelta!: number;
}

export class ReceiptComponentModifierView {
  @ApiProperty({ example: 'No onions' }) name!: string;
}

export class ReceiptComponentView {
  @ApiProperty({ example: 'Fries' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Large' }) variationName!: string | null;
  @ApiProperty({ type: [ReceiptComponentModifierView] }) modifiers!: ReceiptComponentModifierView[];
}

export class ReceiptLineView {
  @ApiProperty({ example: 'Burger' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Double' }) variationName!: string | null;
  @ApiProperty({ example: 2, description: '1 on a line that is not a dish (a share of a split, a refund)' })
  quantity!: number;
  @ApiProperty({ example: 1650, description: 'Minor units per unit before modifiers; negative on a refund' })
  unitPrice!: number;
  @ApiProperty({ type: [ReceiptModifierView] }) modifiers!: ReceiptModifierView[];
  @ApiProperty({ type: Number, nullable: true, example: 2 }) seat!: number | null;
  @ApiProperty({ example: 3600, description: 'Minor units; negative on a refund' }) total!: number;
  @ApiPropertyOptional({
    type: [ReceiptComponentView],
    description:
      'Only on a combo line (docs/combos.md): its chosen components, printed under it without prices; the ' +
      'line’s unitPrice and total are the whole combo’s. Absent on other lines (and in the hash)',
  })
  components?: ReceiptComponentView[];
}

export class ReceiptTaxView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the exempt row' })
  taxRateId!: string | null;
  @ApiProperty({ example: 'VAT' }) name!: string;
  @ApiProperty({ example: 19, format: 'double', description: 'Percent' }) percent!: number;
  @ApiProperty({ description: 'Minor units without tax' }) net!: number;
  @ApiProperty({ description: 'Minor units of tax' }) tax!: number;
  @ApiProperty({ description: 'Minor units with tax: net + tax' }) gross!: number;
}

/** What a card receipt prints of the card a terminal read: never the full number. */
export class ReceiptCardView {
  @ApiProperty({ example: 'visa' }) brand!: string;
  @ApiProperty({ example: '4242' }) last4!: string;
  @ApiProperty({ example: 'contactless' }) entryMode!: string;
  @ApiProperty({ type: String, nullable: true, example: '123456' }) authCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'A0000000031010' }) aid!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'VISA CREDIT' }) applicationLabel!: string | null;
}

export class ReceiptPaymentView {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ example: 'Cash' }) method!: string;
  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' }) kind!: string;
  @ApiProperty({ description: 'Minor units counted towards the total, net of refunds; negative on a refund' })
  amount!: number;
  @ApiProperty({ description: 'Minor units of tip' }) tip!: number;
  @ApiProperty({ description: 'Minor units of cash given back' }) change!: number;
  @ApiPropertyOptional({ type: ReceiptCardView, description: 'A card terminal payment: the card it read' })
  card?: ReceiptCardView;
}

/** A receipt as clients read it: the fiscal content, its place in the chain, and the digital copy's address. */
export class ReceiptFiscalView {
  @ApiPropertyOptional({
    enum: ['AT-RKSV'],
    description: "Austria's regime (RKSV): the receipt as its cash register signed it; absent for Germany's",
  })
  regime?: 'AT-RKSV';
  @ApiProperty({
    enum: ['signed', 'pending', 'unit_failed', 'device_failed'],
    description:
      '`pending`: not signed yet; `unit_failed`: the signing unit failed (it is signed once it is back); ' +
      "`device_failed` (Austria): signed with the marker 'Sicherheitseinrichtung ausgefallen' while the device was out",
  })
  state!: 'signed' | 'pending' | 'unit_failed' | 'device_failed';
  @ApiPropertyOptional({ example: 'pos', description: 'Austria: the cash register (Kassen-ID)' })
  cashRegisterId?: string;
  @ApiPropertyOptional({ example: '17', description: 'Austria: the Belegnummer in its register' })
  receiptNumber?: string;
  @ApiPropertyOptional({ description: 'Austria: the receipt as JWS (ES256), as the DEP export holds it' })
  jws?: string;
  @ApiPropertyOptional({
    description:
      "Austria: Sig-Voriger-Beleg, base64 of 8 bytes of SHA-256 of the register's previous receipt",
  })
  chainingValue?: string;
  @ApiProperty({ type: String, nullable: true, description: "The unit's serial number (hex)" })
  unitSerial!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'tablet-7',
    description: 'The till: a client of the unit',
  })
  clientId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) transactionNumber!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      "When the Vorgang began: the sale's order opened (its first order to the kitchen was signed from then on); as in the QR code",
  })
  start!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) end!: string | null;
  @ApiProperty({ type: Number, nullable: true }) signatureCounter!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Base64' }) signature!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ecdsa-plain-SHA256' }) algorithm!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Base64 of the unit's public key" })
  publicKey!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'What the printed QR code holds: in the DSFinV-K format `V0;…` (null until signed), or in Austria the RKSV machine-readable code `_R1-AT…`',
  })
  qrCode!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the unit failed it; kept once it is signed later, as the outage it tells of',
  })
  error!: string | null;
}

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 17, description: 'Gap-free and never reused, across sales and refunds' })
  number!: number;
  @ApiProperty({ enum: ['sale', 'refund'] }) kind!: 'sale' | 'refund';
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 42, description: "The order's ticket number of its business day" })
  orderNumber!: number;
  @ApiProperty({ example: '2026-11-22' }) businessDay!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'A refund receipt: the id of the sale receipt it refunds',
  })
  refundOf!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'A refund receipt: the number of that sale receipt',
  })
  refundOfNumber!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'A refund receipt: why' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: [ReceiptLineView] }) lines!: ReceiptLineView[];
  @ApiProperty({ description: 'Minor units' }) subtotal!: number;
  @ApiProperty({ description: 'Minor units' }) discount!: number;
  @ApiProperty({ description: 'Minor units' }) serviceCharge!: number;
  @ApiProperty({ type: [ReceiptTaxView], description: 'One row per rate' }) taxes!: ReceiptTaxView[];
  @ApiProperty({ type: [ReceiptPaymentView] }) payments!: ReceiptPaymentView[];
  @ApiProperty({ description: 'Minor units' }) tips!: number;
  @ApiProperty({ description: 'Minor units of cash given back' }) change!: number;
  @ApiProperty({ description: 'Minor units; negative on a refund' }) total!: number;
  @ApiProperty({ description: 'The hash of the receipt numbered one less; 64 zeros for number 1' })
  previousHash!: string;
  @ApiProperty({
    description: 'Hex SHA-256 of previousHash + the canonical JSON of the receipt (docs/receipts.md)',
  })
  hash!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The signer's signature of hash; null with none",
  })
  signature!: string | null;
  @ApiProperty({
    type: ReceiptFiscalView,
    nullable: true,
    description: "The signing unit's data (FISCAL_SIGNER=simulated-tse or fiskaly); null without a unit",
  })
  fiscal!: ReceiptFiscalView | null;
  @ApiProperty({
    example: 'https://pos.example.com/r/3q2-…',
    description: 'The digital copy: no login needed',
  })
  url!: string;
}

export class JournalVerificationView {
  @ApiProperty({ description: 'True when every receipt is in its place in the chain, unaltered and signed' })
  ok!: boolean;
  @ApiProperty({ example: 1200, description: 'Receipts checked' }) checked!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The number of the first receipt that is missing, altered, out of place or wrongly signed',
  })
  firstBrokenNumber!: number | null;
}

export class JournalExportView {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) from!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) to!: string | null;
  @ApiProperty({ enum: ['none', 'hmac'], description: 'FISCAL_SIGNER when exported' }) signer!: string;
  @ApiProperty({ type: [ReceiptView], description: 'In number order' }) receipts!: ReceiptView[];
}
