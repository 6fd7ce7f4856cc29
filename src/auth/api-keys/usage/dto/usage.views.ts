import { ApiProperty } from '@nestjs/swagger';
import { LATENCY_BOUNDS_MS } from '../latency-buckets';

const PERCENTILE_RULE =
  `Milliseconds, from latency buckets with upper bounds ${LATENCY_BOUNDS_MS.join(', ')} ms: the upper bound of ` +
  'the bucket holding the request of that rank (nearest rank), so the true value is at most this figure. Beyond ' +
  'the last bound, the mean duration of those requests. Null without requests.';

export class LatencyPercentilesView {
  @ApiProperty({ type: Number, nullable: true, description: PERCENTILE_RULE, example: 20 })
  p50!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: PERCENTILE_RULE, example: 130 })
  p95!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: PERCENTILE_RULE, example: 300 })
  p99!: number | null;
}

export class StatusUsageView {
  @ApiProperty({ example: 200 }) status!: number;
  @ApiProperty() requests!: number;
}

export class RouteUsageView {
  @ApiProperty({ example: '/api/v1/orders/:id', description: 'The matched route pattern, or `unmatched`' })
  route!: string;

  @ApiProperty() requests!: number;
  @ApiProperty({ description: 'Requests answered with a status of 400 or more' }) errors!: number;
  @ApiProperty({ type: LatencyPercentilesView }) latencyMs!: LatencyPercentilesView;
}

export class DayUsageView {
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'A UTC day' }) day!: string;
  @ApiProperty() requests!: number;
  @ApiProperty() errors!: number;
}

export class HourUsageView {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-22T18:00:00.000Z',
    description: 'Start of a UTC hour',
  })
  hour!: string;

  @ApiProperty() requests!: number;
  @ApiProperty() errors!: number;
}

export class ApiKeyUsageView {
  @ApiProperty({ format: 'uuid' }) keyId!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Start of the period: `from` rounded down to its UTC hour',
  })
  from!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'End of the period (excluded): `to` rounded up to a UTC hour',
  })
  to!: string;

  @ApiProperty({ description: 'Requests made with the key in the period' }) requests!: number;
  @ApiProperty({ description: 'Requests answered with a status of 400 or more' }) errors!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The latest request made with the key, whatever the period',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ type: LatencyPercentilesView }) latencyMs!: LatencyPercentilesView;

  @ApiProperty({ type: [StatusUsageView], description: 'By status, in ascending order' })
  byStatus!: StatusUsageView[];

  @ApiProperty({ type: [RouteUsageView], description: 'By route, most requests first' })
  byRoute!: RouteUsageView[];

  @ApiProperty({
    type: [DayUsageView],
    description: 'Every UTC day the period touches, in order, zeros included',
  })
  byDay!: DayUsageView[];

  @ApiProperty({
    type: [HourUsageView],
    nullable: true,
    description:
      'Every UTC hour of the period, in order, zeros included; null for periods longer than 31 days',
  })
  byHour!: HourUsageView[] | null;
}
