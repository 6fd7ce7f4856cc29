import { ApiProperty } from '@nestjs/swagger';
import type { ClientDevice } from './client-device.entity';

export class DeviceWriteView {
  @ApiProperty({
    example: '7f0c2a4e-3c1d-4b8a-9e2f-5a6b7c8d9e0f',
    description: 'The Idempotency-Key it was sent with, else the key its client ids made (`ids:<sha-256>`)',
  })
  key!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/api/v1/orders/0b9e5c1a-2f4d-4c8e-9a51-6d3f2e1b7c90/items' }) path!: string;
  @ApiProperty({ example: 201, description: 'The status of the reply it got (and that a replay answers)' })
  status!: number;
  @ApiProperty({ format: 'date-time' }) appliedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The staff member; null for a key',
  })
  userId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The API key; null for staff' })
  apiKeyId!: string | null;
}

export class OutboxStateView {
  @ApiProperty({ example: 'tablet-7' }) deviceId!: string;
  @ApiProperty({
    example: 12,
    description: 'Keyed writes it applied (replays not counted); 0 when never seen',
  })
  writesApplied!: number;
  @ApiProperty({
    type: DeviceWriteView,
    nullable: true,
    description: 'The last keyed write it applied; null when never seen',
  })
  lastWrite!: DeviceWriteView | null;

  static of(this: void, deviceId: string, row: ClientDevice | null): OutboxStateView {
    return {
      deviceId,
      writesApplied: row?.writesApplied ?? 0,
      lastWrite: row && {
        key: row.lastKey,
        method: row.lastMethod,
        path: row.lastPath,
        status: row.lastStatus,
        appliedAt: row.lastAppliedAt.toISOString(),
        userId: row.lastUserId,
        apiKeyId: row.lastApiKeyId,
      },
    };
  }
}
