import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** Whether a linked site may still talk to headquarters: `revoked` once headquarters refused its credential. */
export type HqLinkState = 'linked' | 'revoked';

/**
 * A site's link to its headquarters: one row (id 1) once an admin linked it. The credential is what the site
 * presents to headquarters, so it is kept sealed (ENCRYPTION_KEY), not hashed.
 */
@Entity('hq_link')
export class HqLinkRow {
  @PrimaryColumn()
  id!: number;

  @Column({ type: 'text' })
  hqUrl!: string;

  @Column({ length: 36 })
  siteId!: string;

  /** The site's name at headquarters, when it linked. */
  @Column({ length: 100 })
  siteName!: string;

  @Column({ type: 'text' })
  sealedCredential!: string;

  @Column({ type: 'varchar', length: 20 })
  state!: HqLinkState;

  @InstantColumn()
  linkedAt!: Date;

  @InstantColumn({ nullable: true })
  lastContactAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastProblem!: string | null;

  @InstantColumn({ nullable: true })
  lastProblemAt!: Date | null;
}
