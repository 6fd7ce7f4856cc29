import { ApiProperty } from '@nestjs/swagger';
import { IpBlock, IpBlockSource, isActive } from '../ip-block.entity';

export class IpBlockView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '203.0.113.0/24' })
  range!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: IpBlockSource, enumName: 'IpBlockSource' })
  source!: IpBlockSource;

  @ApiProperty({ description: 'In force now: neither lifted nor expired' })
  active!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null for an automatic block' })
  createdBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  expiresAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  liftedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  liftedBy!: string | null;

  static of(block: IpBlock, now: Date): IpBlockView {
    return {
      id: block.id,
      range: block.range,
      reason: block.reason,
      source: block.source,
      active: isActive(block, now),
      createdBy: block.createdBy,
      createdAt: block.createdAt.toISOString(),
      expiresAt: block.expiresAt?.toISOString() ?? null,
      liftedAt: block.liftedAt?.toISOString() ?? null,
      liftedBy: block.liftedBy,
    };
  }
}
