import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { Audience } from './audience';
import { EventType } from './event-type';
import { InstantColumn } from '../database/columns';

/** PostgreSQL returns bigint as a string; seq stays far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** One entry of the event log: the single source for live pushes, replay after reconnects and REST catch-up. */
@Entity('events')
export class EventRecord {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: EventType;

  @Index('events_occurred_at')
  @InstantColumn()
  occurredAt!: Date;

  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  audience!: Audience;
}
