import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../../common/access/role';
import { InstantColumn } from '../../database/columns';

/**
 * A person of the organisation's staff directory: one password and one PIN at every site they are assigned to,
 * where they are a user with this same id. `version` is the directory's counter when they last changed: a site
 * takes every person changed after the version it holds.
 */
@Entity('hq_staff')
@Index('hq_staff_username_unique', ['username'], { unique: true })
export class HqStaffMember {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 64 })
  username!: string;

  @Column({ length: 100 })
  displayName!: string;

  /** scrypt, self-describing and unpeppered: a site verifies it as its own users' passwords. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /**
   * The PIN's verifier (CredentialHasher.hashSharedPin), never the PIN: headquarters cannot read it, and the sites
   * the person works at check a PIN against it as they do their own users' PIN hashes.
   */
  @Column({ type: 'varchar', length: 255, nullable: true })
  pinVerifier!: string | null;

  @Column({ default: true })
  active!: boolean;

  /** The role at every site, when assigned to all of them; null: the sites of hq_staff_sites only. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  allSitesRole!: Role | null;

  @Index('hq_staff_version')
  @Column({ type: 'integer' })
  version!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  /** When headquarters erased them: secrets gone, name anonymised, kept only so each site hears it. */
  @InstantColumn({ nullable: true })
  erasedAt!: Date | null;
}

/** A person assigned to one site, with their role there. */
@Entity('hq_staff_sites')
export class HqStaffSite {
  @PrimaryColumn({ length: 36 })
  staffId!: string;

  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;
}

/**
 * Why one site could not take a person's last entry (a username one of its own users has), as the site reported
 * it; gone once the site takes a later entry of theirs.
 */
@Entity('hq_staff_problems')
export class HqStaffProblem {
  @PrimaryColumn({ length: 36 })
  staffId!: string;

  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @Column({ type: 'text' })
  problem!: string;

  @InstantColumn()
  reportedAt!: Date;
}

/**
 * A site that was given the person (with a role) at least once: only such a site hears of them again once they may
 * not sign in there, as their id alone. Another site never hears of them at all.
 */
@Entity('hq_staff_reach')
export class HqStaffReach {
  @PrimaryColumn({ length: 36 })
  staffId!: string;

  @PrimaryColumn({ length: 36 })
  siteId!: string;
}
