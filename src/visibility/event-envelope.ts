import { ApiProperty } from '@nestjs/swagger';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';

/** What clients receive, over socket.io (as the event named `type`) and from GET /events. */
export class EventEnvelope {
  @ApiProperty({ description: 'Global, gap-free, strictly increasing in commit order', example: 1042 })
  seq!: number;

  @ApiProperty({ enum: EventType, enumName: 'EventType' })
  type!: EventType;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: Object })
  data!: Record<string, unknown>;

  /** One envelope object per record, so every audience that sees the whole event shares one serialisation. */
  static of(this: void, record: EventRecord): EventEnvelope {
    let envelope = envelopes.get(record);
    if (!envelope) {
      envelope = {
        seq: record.seq,
        type: record.type,
        occurredAt: record.occurredAt.toISOString(),
        data: record.data,
      };
      envelopes.set(record, envelope);
    }
    return envelope;
  }
}

const envelopes = new WeakMap<EventRecord, EventEnvelope>();
