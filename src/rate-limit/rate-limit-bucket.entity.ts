import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One fixed-window counter, such as `call-waiter:ip:<ip>:<token>`; in the database so every instance shares it. */
@Entity('rate_limit_buckets')
export class RateLimitBucket {
  @PrimaryColumn({ length: 200 })
  bucket!: string;

  @Column()
  windowStartedAt!: Date;

  @Column({ type: 'integer', default: 0 })
  hits!: number;
}
