import { ApiProperty } from '@nestjs/swagger';
import type { FiscalTransaction, FiscalUnitRecord } from '../fiscal.entities';

export class FiscalWaitingView {
  @ApiProperty({ format: 'uuid', description: 'Our id of the transaction, as the unit knows it' })
  id!: string;
  @ApiProperty({
    example: 'receipt:5b0c…',
    description: '`order:<order id>:<seq>`, `receipt:<receipt id>` or `abort:<order id>`',
  })
  subject!: string;
  @ApiProperty({ enum: ['Bestellung-V1', 'Kassenbeleg-V1'] }) processType!: string;
  @ApiProperty({ example: 'tablet-7' }) clientId!: string;
  @ApiProperty({ enum: ['pending', 'unit_failed'] }) state!: string;
  @ApiProperty({ description: 'Refused by the unit: not tried again' }) refused!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class FiscalTillView {
  @ApiProperty({ example: 'tablet_7', description: 'The X-Device-Id of the device that sells at this till' })
  deviceId!: string;
  @ApiProperty({
    example: 'tablet7c0ffee12',
    description: 'Its id at the unit and in the export: letters and digits, at most 30, mapped once',
  })
  clientId!: string;
}

export class FiscalUnitView {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Hex of the SHA-256 of the unit's public key; null: the configured unit has not answered yet",
  })
  serial!: string | null;
  @ApiProperty({ enum: ['simulated-tse', 'fiskaly'] }) kind!: string;
  @ApiProperty({ description: 'Whether FISCAL_SIGNER names this kind of unit now' }) inUse!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'ecdsa-plain-SHA256' }) algorithm!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'unixTime' }) timeFormat!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Base64 of the uncompressed public key point' })
  publicKey!: string | null;
  @ApiProperty({
    description: 'Whether the last call reached it (checked at each start and each signing round)',
  })
  reachable!: boolean;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: not reached yet' })
  checkedAt!: string | null;
  @ApiProperty({ description: 'The highest signature counter signed' }) signatureCounter!: number;
  @ApiProperty() signed!: number;
  @ApiProperty({ description: 'Recorded, not tried yet' }) pending!: number;
  @ApiProperty({ description: 'Failed: waiting for the unit, or refused by it' }) failed!: number;
  @ApiProperty({ type: [String], description: 'The tills, each a client of the unit' }) clients!: string[];
  @ApiProperty({
    type: [FiscalTillView],
    description: 'Each device that is a till of its own, and its id at the unit',
  })
  tills!: FiscalTillView[];
  @ApiProperty({ type: [FiscalWaitingView], description: 'The oldest 50 transactions not signed' })
  waiting!: FiscalWaitingView[];

  /** `unit`: the unit's record, or only its kind while the configured unit has not answered yet. */
  static of(
    unit: FiscalUnitRecord | { kind: string },
    inUse: boolean,
    state: Pick<
      FiscalUnitView,
      'signatureCounter' | 'signed' | 'pending' | 'failed' | 'clients' | 'tills'
    > & {
      waiting: FiscalTransaction[];
    },
  ): FiscalUnitView {
    const known = 'serial' in unit ? unit : null;
    return {
      serial: known?.serial ?? null,
      kind: unit.kind,
      inUse,
      algorithm: known?.algorithm ?? null,
      timeFormat: known?.timeFormat ?? null,
      publicKey: known?.publicKey ?? null,
      reachable: known?.reachable ?? false,
      lastError: known?.lastError ?? null,
      checkedAt: known?.checkedAt.toISOString() ?? null,
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
