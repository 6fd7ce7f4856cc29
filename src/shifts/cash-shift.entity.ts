import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

export enum ShiftStatus {
  Open = 'open',
  Closed = 'closed',
}

/** What went through the drawer while a shift was open, in minor units: cash payments of methods of kind `cash`. */
export interface CashMovements {
  /** Cash handed over towards bills. */
  cashTendered: number;
  /** Cash given back from what was tendered. */
  changeGiven: number;
  /** Cash paid back by refunds of cash payments. */
  cashRefunds: number;
  /** Cash tips: they go to the staff, not into the drawer. */
  cashTips: number;
  /** Cash taken for gift cards sold or loaded: it is in the drawer, though it is no sale. */
  giftCardCashSales: number;
}

/** The drawer of no device: the back office's, which takes the cash of every device without a drawer open. */
export const HOUSE_DRAWER = '';

/**
 * One cash-drawer shift, from opening with a float to closing with a count. Its cash movements are summed over
 * the payments and refunds made while it is open; at the close they are kept here, so a closed shift never changes.
 */
@Entity('cash_shifts')
@Index('cash_shifts_one_open_per_drawer', ['drawer'], { unique: true, where: "status = 'open'" })
@Index('cash_shifts_opened_at', ['openedAt'])
@Index('cash_shifts_business_day', ['businessDay'])
export class CashShift {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: ShiftStatus;

  /** Whose drawer: the device (X-Device-Id) it was opened on, or HOUSE_DRAWER for the back office's. */
  @Column({ type: 'varchar', length: 100, default: '' })
  drawer!: string;

  /** The business day the shift opened on (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @MoneyColumn()
  openingCash!: number;

  @Column({ type: 'varchar', length: 36 })
  openedBy!: string;

  @InstantColumn()
  openedAt!: Date;

  @MoneyColumn({ nullable: true })
  countedCash!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  closedBy!: string | null;

  @InstantColumn({ nullable: true })
  closedAt!: Date | null;

  @MoneyColumn({ nullable: true })
  cashTendered!: number | null;

  @MoneyColumn({ nullable: true })
  changeGiven!: number | null;

  @MoneyColumn({ nullable: true })
  cashRefunds!: number | null;

  @MoneyColumn({ nullable: true })
  cashTips!: number | null;

  @MoneyColumn({ nullable: true })
  giftCardCashSales!: number | null;

  @InstantColumn()
  updatedAt!: Date;
}

export enum DrawerMovementKind {
  /** Cash paid in: more change, a float topped up. */
  Deposit = 'deposit',
  /** Cash paid out: a supplier paid from the till, cash taken to the bank. */
  Withdrawal = 'withdrawal',
}

/** Cash paid into or out of the drawer during a shift that is no sale: written while the shift is open, never changed. */
@Entity('cash_drawer_movements')
@Index('cash_drawer_movements_shift_id', ['shiftId'])
export class CashDrawerMovement {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 36 })
  shiftId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: DrawerMovementKind;

  /** Minor units, more than 0: the kind says which way it went. */
  @MoneyColumn()
  amount!: number;

  @Column({ type: 'varchar', length: 255 })
  reason!: string;

  @Column({ length: 36 })
  recordedBy!: string;

  @InstantColumn()
  recordedAt!: Date;
}
