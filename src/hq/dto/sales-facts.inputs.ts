import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { IsBusinessDay } from '../../common/time/calendar-date';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { SalesFactMixInput } from './sales-fact-mix.inputs';

/** Facts one request carries at most: a site sends its backlog in batches of this size. */
export const MAX_FACTS_PER_BATCH = 100;

/**
 * `sale`: a sale receipt (an order closed); `refund`: a refund receipt (money given back after the close);
 * `order_cancelled`: an order cancelled before it closed; `day_closed`: a business day closed with its Z report.
 */
export const SALES_FACT_TYPES = ['sale', 'refund', 'order_cancelled', 'day_closed'] as const;
export type SalesFactType = (typeof SALES_FACT_TYPES)[number];

const MONEY = 'Minor units, as the site’s own GET /reports/sales counts them';

/** A fact's contribution to the sales report, in the site's currency. */
export class SalesFactFiguresInput {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Closed orders: 1 on a sale, else 0' })
  @IsInt()
  @Min(0)
  @Max(1)
  orders!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  gross!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  discounts!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  serviceCharge!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  tax!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  refunds!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  netSales!: number;

  @ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: MONEY })
  @IsInt()
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  tips!: number;
}

/** One fact of the site's event log that headquarters' reports need. */
export class SalesFactInput {
  @ApiProperty({
    minimum: 1,
    example: 1042,
    description: 'Its seq in the site’s event log: headquarters keeps one fact per (site, seq)',
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  seq!: number;

  @ApiProperty({ enum: SALES_FACT_TYPES })
  @IsIn(SALES_FACT_TYPES)
  type!: SalesFactType;

  @ApiProperty({ format: 'date-time', description: 'When it happened at the site (UTC)' })
  @IsTimestamp()
  occurredAt!: string;

  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'The site’s business day it counts on' })
  @IsBusinessDay()
  businessDay!: string;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'own',
    maxLength: 40,
    description: '`own` or the delivery channel’s code the order came from; null for a day closed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  channel?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orderId?: string | null;

  @ApiProperty({ type: SalesFactFiguresInput })
  @ValidateNested()
  @Type(() => SalesFactFiguresInput)
  figures!: SalesFactFiguresInput;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The fact as the site’s API shows it: the receipt, the cancelled order, the closed day (`businessDay`, ' +
      '`number` and `zReport`: its Z report as GET /business-days/{day}/z-report answers it)',
  })
  @IsObject()
  detail!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: SalesFactMixInput,
    description:
      'What the fact adds to the site’s dish, payment-method and tax reports (absent: nothing). A day closed has ' +
      'none; its Z report is in `detail.zReport`',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SalesFactMixInput)
  mix?: SalesFactMixInput;
}

export class SalesFactsInput {
  @ApiProperty({
    type: [SalesFactInput],
    minItems: 1,
    maxItems: MAX_FACTS_PER_BATCH,
    description: 'In the order of the site’s log',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FACTS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => SalesFactInput)
  facts!: SalesFactInput[];

  @ApiPropertyOptional({
    minimum: 0,
    example: 0,
    description: 'Batches still waiting at the site behind this one: 0 once it is caught up',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  pendingBatches?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the oldest of them was made at the site; null once it is caught up',
  })
  @IsOptional()
  @IsTimestamp()
  pendingSince?: string | null;
}
