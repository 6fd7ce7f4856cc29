import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';
import type { SiteIdentity } from '../restaurant/restaurant-profile';

/**
 * A restaurant of the organisation, at headquarters. It trades on its own service; headquarters knows its
 * identity and its link: a one-time link code until the site trades it for its credential (both kept as hashes).
 */
@Entity('hq_sites')
@Index('hq_sites_credential_hash_unique', ['credentialHash'], { unique: true })
@Index('hq_sites_link_code_hash_unique', ['linkCodeHash'], { unique: true })
export class HqSite {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ length: 64 })
  timezone!: string;

  @Column({ length: 3 })
  currency!: string;

  @Column({ length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxId!: string | null;

  /** The address's lines, as the site's receipts print them. */
  @Column({ type: 'simple-json' })
  address!: string[];

  /**
   * The identity the site kept when it linked, having sold before (its own profile's); null when it took the one
   * above.
   */
  @Column({ type: 'simple-json', nullable: true })
  siteIdentity!: SiteIdentity | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  linkCodeHash!: string | null;

  @InstantColumn({ nullable: true })
  linkCodeExpiresAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  credentialHash!: string | null;

  @InstantColumn({ nullable: true })
  linkedAt!: Date | null;

  @InstantColumn({ nullable: true })
  credentialRevokedAt!: Date | null;

  @InstantColumn({ nullable: true })
  lastContactAt!: Date | null;

  /**
   * Where the site's database stands in its stream: the highest seq of the newest batch that brought a fact (or
   * began the stream); 0 before the first.
   */
  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  salesCursor!: number;

  /** The stream of the site's facts last heard (its database's: SalesFactsInput.stream); null before the first. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  salesStream!: string | null;

  @InstantColumn({ nullable: true })
  salesReceivedAt!: Date | null;

  /** What the site said still waited behind its last batch: how many batches, since when (null: caught up). */
  @Column({ type: 'integer', default: 0 })
  salesPendingBatches!: number;

  @InstantColumn({ nullable: true })
  salesPendingSince!: Date | null;

  /**
   * Why headquarters last refused a batch of the site's facts (a repeat whose content differs from the fact
   * held at its seq), and when; null once a later batch brought a fact.
   */
  @Column({ type: 'varchar', length: 500, nullable: true })
  salesRefusal!: string | null;

  @InstantColumn({ nullable: true })
  salesRefusedAt!: Date | null;

  /** The business day the site last said it trades in (its contact, its latest sale): the live board's day. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  currentBusinessDay!: string | null;

  /** The version of the last publication the site reported applied; null before the first. */
  @Column({ type: 'integer', nullable: true })
  catalogVersion!: number | null;

  @InstantColumn({ nullable: true })
  catalogAppliedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
