import { ApiProperty } from '@nestjs/swagger';
import { withoutPersonalData } from '../common/access/personal-data';
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

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the event says, by its type: the catalogue in docs/events.md',
  })
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

  /**
   * The envelope for those who may not see personal data (an order's customer as `{id}`, its fulfilment without
   * contact): one per record too, and the shared one when the event shows nobody.
   */
  static impersonal(this: void, record: EventRecord): EventEnvelope {
    let envelope = impersonalEnvelopes.get(record);
    if (!envelope) {
      const whole = EventEnvelope.of(record);
      const data = withoutPersonalData(whole.data);
      envelope = data === whole.data ? whole : { ...whole, data };
      impersonalEnvelopes.set(record, envelope);
    }
    return envelope;
  }
}

const envelopes = new WeakMap<EventRecord, EventEnvelope>();
const impersonalEnvelopes = new WeakMap<EventRecord, EventEnvelope>();
