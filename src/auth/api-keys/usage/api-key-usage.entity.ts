import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../database/columns';

/**
 * Requests of one API key in one UTC hour, on one route, with one status, in one latency bucket. The five form the
 * primary key, which every flush upserts: counters only ever add up, whichever instance flushes.
 */
@Entity('api_key_usage')
@Index('api_key_usage_hour_start', ['hourStart'])
export class ApiKeyUsageRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  keyId!: string;

  @InstantColumn({ primary: true })
  hourStart!: Date;

  /** The matched route pattern (`/api/v1/orders/:id`), or `unmatched`. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  route!: string;

  @PrimaryColumn({ type: 'integer' })
  status!: number;

  /** The bucket's upper bound in milliseconds (OPEN_BUCKET_MS for the open bucket). */
  @PrimaryColumn({ type: 'integer' })
  latencyBucketMs!: number;

  @Column({ type: 'integer' })
  requests!: number;

  @Column({ type: 'double precision' })
  totalMs!: number;

  @InstantColumn()
  lastRequestAt!: Date;
}
