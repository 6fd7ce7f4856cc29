import { ApiProperty } from '@nestjs/swagger';
import type { FiscalTransaction, FiscalUnitRecord } from '../fiscal.entities';

export class FiscalWaitingView {
  @ApiProperty({ format: 'uuid', description: 'Our id of the transaction, as the unit knows it' })
  id!: string;
  @ApiProperty({ example: 'receipt:5b0c…', description: '`receipt:<id>` or `order:<event seq>`' })
  subject!: string;
  @ApiProperty({ enum: ['Bestellung-V1', 'Kassenbeleg-V1'] }) processType!: string;
  @ApiProperty({ example: 'tablet-7' }) clientId!: string;
  @ApiProperty({ enum: ['pending', 'unit_failed'] }) state!: string;
  @ApiProperty({ description: 'Refused by the unit: not tried again' }) refused!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class FiscalUnitView {
  @ApiProperty({ description: "Hex of the SHA-256 of the unit's public key" }) serial!: string;
  @ApiProperty({ enum: ['simulated-tse', 'fiskaly'] }) kind!: string;
  @ApiProperty({ description: 'Whether FISCAL_SIGNER names this kind of unit now' }) inUse!: boolean;
  @ApiProperty({ example: 'ecdsa-plain-SHA256' }) algorithm!: string;
  @ApiProperty({ example: 'unixTime' }) timeFormat!: string;
  @ApiProperty({ description: 'Base64 of the uncompressed public key point' }) publicKey!: string;
  @ApiProperty({ description: 'Whether the last call reached it' }) reachable!: boolean;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ description: 'The highest signature counter signed' }) signatureCounter!: number;
  @ApiProperty() signed!: number;
  @ApiProperty({ description: 'Recorded, not tried yet' }) pending!: number;
  @ApiProperty({ description: 'Failed: waiting for the unit, or refused by it' }) failed!: number;
  @ApiProperty({ type: [String], description: 'The tills, each a client of the unit' }) clients!: string[];
  @ApiProperty({ type: [FiscalWaitingView], description: 'The oldest 50 transactions not signed' })
  waiting!: FiscalWaitingView[];

  static of(
    unit: FiscalUnitRecord,
    inUse: boolean,
    state: Pick<FiscalUnitView, 'signatureCounter' | 'signed' | 'pending' | 'failed' | 'clients'> & {
      waiting: FiscalTransaction[];
    },
  ): FiscalUnitView {
    return {
      serial: unit.serial,
      kind: unit.kind,
      inUse,
      algorithm: unit.algorithm,
      timeFormat: unit.timeFormat,
      publicKey: unit.publicKey,
      reachable: unit.reachable,
      lastError: unit.lastError,
      checkedAt: unit.checkedAt.toISOString(),
      ...state,
      waiting: state.waiting.map((row) => ({
        id: row.id,
        subject: row.subject,
        processType: row.processType,
        clientId: row.clientId,
        state: row.state,
        refused: row.refused,
        error: row.error,
        occurredAt: row.occurredAt.toISOString(),
      })),
    };
  }
}
