import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { Scope } from '../../../common/access/scope';
import { IsTimestamp } from '../../../common/time/is-timestamp';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { IsAddressRange } from '../../../common/net/is-address-range';

export const MAX_ALLOWED_IPS = 50;
const MAX_PRINTERS = 50;
const MAX_RATE = 10_000_000;
/** A rotated-out secret works for a day unless the rotation says otherwise; a week at most. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;
export const MAX_ROTATION_GRACE_SECONDS = 7 * 86_400;
/** A key created without a per-minute limit gets this one: ten requests a second. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

const rateLimit = (window: string, fallback: string) =>
  ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_RATE,
    description: `Requests per ${window} (fixed window); ${fallback}`,
  });

export class CreateApiKeyInput {
  @ApiProperty({ example: 'Delivery aggregator', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: Scope, enumName: 'Scope', isArray: true, example: [Scope.OrdersWrite] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Scope, { each: true })
  scopes!: Scope[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After this the key is refused; null or absent: it does not expire',
  })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: MAX_ALLOWED_IPS,
    example: ['203.0.113.7', '198.51.100.0/24', '2001:db8::1'],
    description:
      'Addresses and CIDR ranges (IPv4 and IPv6) the key may be used from; null or absent: any. The schema ' +
      'spells out IPv4 ranges only; IPv6 ranges (2001:db8::/32) are taken as well.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALLOWED_IPS)
  @IsAddressRange({ each: true })
  allowedIps?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: MAX_PRINTERS,
    description:
      'For a key with scope print:agent: the printers whose jobs its print agent receives; null or absent: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PRINTERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  printerIds?: string[] | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 40,
    example: 'wolt',
    description:
      'Binds the key to a sales channel (GET /channels): it may then post and update that channel’s orders only',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  channelCode?: string | null;

  @rateLimit('minute', `absent: ${DEFAULT_RATE_LIMIT_PER_MINUTE}; null: no limit`)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerMinute?: number | null;

  @rateLimit('hour', 'absent or null: no limit')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerHour?: number | null;

  @rateLimit('day', 'absent or null: no limit')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerDay?: number | null;
}

export class UpdateApiKeyInput {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'false deactivates the key at once; true brings it back' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: Scope, enumName: 'Scope', isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Scope, { each: true })
  scopes?: Scope[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null: never expires',
  })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: MAX_ALLOWED_IPS,
    description: 'null: any',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALLOWED_IPS)
  @IsAddressRange({ each: true })
  allowedIps?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: MAX_PRINTERS,
    description:
      'For a key with scope print:agent: the printers whose jobs its print agent receives; null or absent: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PRINTERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  printerIds?: string[] | null;

  @rateLimit('minute', 'null: no limit')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerMinute?: number | null;

  @rateLimit('hour', 'null: no limit')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerHour?: number | null;

  @rateLimit('day', 'null: no limit')
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE)
  rateLimitPerDay?: number | null;
}

export class RotateApiKeyInput {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_ROTATION_GRACE_SECONDS,
    default: DEFAULT_ROTATION_GRACE_SECONDS,
    description: 'How long the old secret keeps working; 0 ends it at once',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ROTATION_GRACE_SECONDS)
  graceSeconds?: number;
}
