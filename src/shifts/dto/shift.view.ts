import { ApiProperty } from '@nestjs/swagger';
import {
  CashDrawerMovement,
  CashMovements,
  CashShift,
  DrawerMovementKind,
  HOUSE_DRAWER,
  ShiftStatus,
} from '../cash-shift.entity';

/** Cash paid into or out of the drawer during a shift, with its reason. */
export class DrawerMovementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DrawerMovementKind, enumName: 'DrawerMovementKind' }) kind!: DrawerMovementKind;
  @ApiProperty({ description: 'Minor units, more than 0: `kind` says which way it went', example: 5000 })
  amount!: number;

  @ApiProperty({ example: 'change from the bank' }) reason!: string;
  @ApiProperty({ format: 'uuid', description: 'The user who recorded it' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;

  static of(this: void, movement: CashDrawerMovement): DrawerMovementView {
    return {
      id: movement.id,
      kind: movement.kind,
      amount: movement.amount,
      reason: movement.reason,
      recordedBy: movement.recordedBy,
      recordedAt: movement.recordedAt.toISOString(),
    };
  }
}

/** A drawer shift: the float, the cash that moved while it was open, what should be in the drawer and what was. */
export class ShiftView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ShiftStatus, enumName: 'ShiftStatus' }) status!: ShiftStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The device (X-Device-Id) whose drawer it is: its cash payments go to it; null for the back office's house drawer",
  })
  deviceId!: string | null;

  @ApiProperty({ example: '2026-11-22', description: 'The business day it opened on' })
  businessDay!: string;

  @ApiProperty({ description: 'Minor units in the drawer at the start' }) openingCash!: number;

  @ApiProperty({
    description: 'Minor units handed over in cash towards bills while the shift was open (change included)',
  })
  cashTendered!: number;

  @ApiProperty({ description: 'Minor units of change given back from cash tendered' }) changeGiven!: number;
  @ApiProperty({ description: 'Minor units paid back in cash by refunds of cash payments' })
  cashRefunds!: number;

  @ApiProperty({
    description:
      'Minor units of cash tips: they go to the staff, not into the drawer, so not into expectedCash',
  })
  cashTips!: number;

  @ApiProperty({
    description:
      'Minor units taken in cash for gift cards sold or loaded while the shift was open: a liability, not sales',
  })
  giftCardCashSales!: number;

  @ApiProperty({ description: 'Minor units of cash paid in (movements of kind deposit)' })
  deposits!: number;

  @ApiProperty({ description: 'Minor units of cash paid out (movements of kind withdrawal)' })
  withdrawals!: number;

  @ApiProperty({
    type: [DrawerMovementView],
    description: 'The cash paid in and out during the shift (POST /shifts/{id}/movements), in order',
  })
  movements!: DrawerMovementView[];

  @ApiProperty({
    description:
      'openingCash + cashTendered - changeGiven - cashRefunds + giftCardCashSales + deposits - withdrawals; while open, as of now',
  })
  expectedCash!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Minor units counted at the close' })
  countedCash!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'countedCash - expectedCash once closed: negative when the drawer is short',
  })
  difference!: number | null;

  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The user who opened it' }) openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who closed it' })
  closedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;

  /**
   * `movements`: as kept at the close, or summed now for an open shift; `drawerMovements`: the cash paid in and out
   * during the shift, in order.
   */
  static of(
    this: void,
    shift: CashShift,
    movements: CashMovements,
    drawerMovements: readonly CashDrawerMovement[],
  ): ShiftView {
    const total = (kind: DrawerMovementKind) =>
      drawerMovements
        .filter((movement) => movement.kind === kind)
        .reduce((sum, { amount }) => sum + amount, 0);
    const deposits = total(DrawerMovementKind.Deposit);
    const withdrawals = total(DrawerMovementKind.Withdrawal);
    const expectedCash =
      shift.openingCash +
      movements.cashTendered -
      movements.changeGiven -
      movements.cashRefunds +
      movements.giftCardCashSales +
      deposits -
      withdrawals;
    return {
      id: shift.id,
      status: shift.status,
      deviceId: shift.drawer === HOUSE_DRAWER ? null : shift.drawer,
      businessDay: shift.businessDay,
      openingCash: shift.openingCash,
      cashTendered: movements.cashTendered,
      changeGiven: movements.changeGiven,
      cashRefunds: movements.cashRefunds,
      cashTips: movements.cashTips,
      giftCardCashSales: movements.giftCardCashSales,
      deposits,
      withdrawals,
      movements: drawerMovements.map(DrawerMovementView.of),
      expectedCash,
      countedCash: shift.countedCash,
      difference: shift.countedCash === null ? null : shift.countedCash - expectedCash,
      note: shift.note,
      openedBy: shift.openedBy,
      openedAt: shift.openedAt.toISOString(),
      closedBy: shift.closedBy,
      closedAt: shift.closedAt?.toISOString() ?? null,
    };
  }
}
