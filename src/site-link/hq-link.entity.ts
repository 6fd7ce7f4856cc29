import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import type { HqCatalogRowProblem } from '../menu/hq-catalog/hq-catalog-document';

/** Whether a linked site may still talk to headquarters: `revoked` once headquarters refused its credential. */
export type HqLinkState = 'linked' | 'revoked';

/**
 * How the last catalog the site pulled went: applied in one transaction (rows it could not take set aside, see
 * catalogProblems), or refused whole (a document no row of which can be told apart: see catalogProblem).
 */
export type HqCatalogState = 'applied' | 'failed';

/** A directory entry the site could not take as it is. */
export interface HqStaffProblemRow {
  staffId: string;
  problem: string;
}

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

  /**
   * This database's stream of sales facts, made at its first link and kept when it links again: headquarters
   * keeps facts per stream, so a replaced database (a new stream) starts its seqs afresh there.
   */
  @Column({ type: 'varchar', length: 36 })
  salesStream!: string;

  @InstantColumn({ nullable: true })
  lastContactAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastProblem!: string | null;

  @InstantColumn({ nullable: true })
  lastProblemAt!: Date | null;

  /** The last publication the site pulled, applied or not; null before the first. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  catalogPublicationId!: string | null;

  /** Its version. */
  @Column({ type: 'integer', nullable: true })
  catalogVersion!: number | null;

  /** That pull's ETag, sent back as If-None-Match. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  catalogEtag!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  catalogState!: HqCatalogState | null;

  /** Why the site's menu refused it, when it did. */
  @Column({ type: 'text', nullable: true })
  catalogProblem!: string | null;

  /** The rows of it the site could not take, each with why: set aside, the rest applied. */
  @Column({ type: 'simple-json', nullable: true })
  catalogProblems!: HqCatalogRowProblem[] | null;

  @InstantColumn({ nullable: true })
  catalogPulledAt!: Date | null;

  /** Whether headquarters has heard how that pull went (it reports again at each contact until it has). */
  @Column({ default: false })
  catalogReported!: boolean;

  /** The staff directory version the site holds: every person changed up to it is applied. */
  @Column({ type: 'integer', default: 0 })
  staffVersion!: number;

  /**
   * The people whose last entry the site could not take as it is, and why (a username of one of its own users,
   * say): each stays until a later entry of theirs is taken.
   */
  @Column({ type: 'simple-json', nullable: true })
  staffProblems!: HqStaffProblemRow[] | null;

  /** Whether headquarters has heard staffProblems as they are (the site reports again at each contact until then). */
  @Column({ default: true })
  staffProblemsReported!: boolean;
}
