import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsAddressRange } from '../../common/net/is-address-range';
import { PageQuery } from '../../common/pagination/page';
import { QueryBoolean } from '../../common/pagination/query-boolean';
import { IsTimestamp } from '../../common/time/is-timestamp';

export class CreateIpBlockInput {
  @ApiProperty({
    example: '203.0.113.0/24',
    maxLength: 64,
    description:
      'An IPv4 or IPv6 address or CIDR range, without a zone id; at most a /8 (IPv4) or a /16 (IPv6), measured ' +
      'on the addresses it matches: an IPv4-mapped or -compatible IPv6 range (::ffff:10.0.0.0/104) counts as the ' +
      'IPv4 range it stands for, and one that holds all of them (::ffff:0:0/96, ::/16) as an IPv4 /0. One that ' +
      'holds your own address is refused unless `force` is true.',
  })
  @IsString()
  @Length(1, 64)
  @IsAddressRange()
  range!: string;

  @ApiProperty({ example: 'Credential stuffing from this network', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  reason!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2099-01-01T00:00:00.000Z',
    description: 'When the block ends by itself; null or absent: when it is lifted',
  })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Block even though the range holds the address this request comes from',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class IpBlockListQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: blocks in force; false: lifted or expired ones' })
  @IsOptional()
  @QueryBoolean()
  active?: boolean;
}
