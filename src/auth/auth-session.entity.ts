import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { InstantColumn } from '../database/columns';

/** One login on one device: the family of refresh tokens that rotate from it. Access tokens name it as `sid`. */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Index('auth_sessions_user_id')
  @Column({ length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_sessions_user_fk' })
  user?: User;

  /** How the login was proven: `totp` and `recovery` are password logins completed by that second factor. */
  @Column({ type: 'varchar', length: 8 })
  method!: 'password' | 'pin' | 'totp' | 'recovery';

  /** The kitchen screen the cook signed in on: revoking the screen ends the session. */
  @Index('auth_sessions_kitchen_device_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  kitchenDeviceId!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;
}
