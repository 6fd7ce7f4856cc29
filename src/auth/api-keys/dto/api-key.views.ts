import { ApiProperty } from '@nestjs/swagger';
import { Scope } from '../../../common/access/scope';
import type { ApiKey } from '../api-key.entity';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** A key as lists show it: never its secret or a hash of it. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Delivery aggregator' })
  name!: string;

  @ApiProperty({
    example: 'pos_7Hq2xK9a',
    description: 'The first characters of the secret, to tell keys apart',
  })
  prefix!: string;

  @ApiProperty({ enum: Scope, enumName: 'Scope', isArray: true })
  scopes!: Scope[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: [String], nullable: true })
  allowedIps!: string[] | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'The printers a print agent with this key serves',
  })
  printerIds!: string[] | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The sales channel the key is bound to: it posts and updates that channel’s orders only',
  })
  channelCode!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  rateLimitPerMinute!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rateLimitPerHour!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rateLimitPerDay!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A few seconds behind at most',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  rotatedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the secret from before the last rotation still works',
  })
  previousKeyExpiresAt!: string | null;

  static of(this: void, key: ApiKey): ApiKeyView {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      active: key.active,
      expiresAt: isoOrNull(key.expiresAt),
      allowedIps: key.allowedIps,
      printerIds: key.printerIds,
      channelCode: key.channelCode,
      rateLimitPerMinute: key.rateLimitPerMinute,
      rateLimitPerHour: key.rateLimitPerHour,
      rateLimitPerDay: key.rateLimitPerDay,
      lastUsedAt: isoOrNull(key.lastUsedAt),
      createdAt: key.createdAt.toISOString(),
      rotatedAt: isoOrNull(key.rotatedAt),
      previousKeyExpiresAt: key.previousSecretHash ? isoOrNull(key.previousSecretExpiresAt) : null,
    };
  }
}

/** The reply to creating or rotating a key: the one time its secret is shown. */
export class IssuedApiKeyView extends ApiKeyView {
  @ApiProperty({
    example: 'pos_7Hq2xK9aV1b3N5m7Q9s1U3w5Y7a9C1e3',
    description: 'The key, shown this one time: send it as X-API-Key. Only its hash is kept.',
  })
  key!: string;
}
