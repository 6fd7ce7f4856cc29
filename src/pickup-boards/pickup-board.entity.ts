import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * A public screen of takeaway and channel order numbers, opened by its token at PUBLIC_BASE_URL/pickup. The token
 * is kept as it is, as a table's QR token is: managers need the link again, and the board shows no personal data.
 */
@Entity('pickup_boards')
@Index('pickup_boards_token_unique', ['token'], { unique: true })
export class PickupBoard {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ length: 64 })
  token!: string;

  @InstantColumn()
  createdAt!: Date;
}
