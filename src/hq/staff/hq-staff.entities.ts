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
   * The PIN sealed with ENCRYPTION_KEY, not hashed: each site hashes it with its own PIN_PEPPER, so headquarters
   * gives it to a site (over its link) rather than a hash no site could check.
   */
  @Column({ type: 'text', nullable: true })
  pinSealed!: string | null;

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
