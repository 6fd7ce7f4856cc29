import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Role } from '../common/access/role';
import { InstantColumn } from '../database/columns';

@Entity('users')
export class User {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** Stored lower-case: logins are case-insensitive. */
  @Index('users_username_unique', { unique: true })
  @Column({ length: 64 })
  username!: string;

  @Column({ length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pinHash!: string | null;

  @Column({ default: true })
  active!: boolean;

  /**
   * Headquarters' directory version when this person last changed there, for a user from its staff directory
   * (their id is theirs at headquarters); null for a user of this site's own. Headquarters owns such a user.
   */
  @Column({ type: 'integer', nullable: true })
  hqStaffVersion!: number | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
