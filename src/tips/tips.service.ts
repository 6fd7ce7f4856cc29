import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { BusinessCalendar } from '../orders/business-calendar';
import { DrawerMovementKind } from '../shifts/cash-shift.entity';
import { ShiftsService } from '../shifts/shifts.service';
import { mondayOf } from '../time-clock/shift-hours';
import { UsersService } from '../users/users.service';
import { myTipsOf, MyTipsView } from './dto/my-tips.views';
import { DeclaredTipInput, TipPayoutInput } from './dto/tip.inputs';
import { DeclaredTipView, TipPayoutView } from './dto/tip.views';
import { TipRecorder } from './tip-recorder';
import { TipFact, TipLedgerEntry, TipPayout } from './tips.entities';

/** Declared cash tips, payouts, and a person's own tips of the week. */
@Injectable()
export class TipsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly recorder: TipRecorder,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly shifts: ShiftsService,
  ) {}

  /** The caller's cash tips of the open business day; a manager or an admin may declare for someone else. */
  declare(actor: StaffPrincipal, input: DeclaredTipInput): Promise<DeclaredTipView> {
    return this.database.transaction(async (tx) => {
      const userId = input.userId ?? actor.userId;
      if (userId !== actor.userId && actor.role !== Role.Manager && actor.role !== Role.Admin) {
        throw DomainError.invalidField('userId', 'only a manager or an admin declares tips for someone else');
      }
      await this.assertPerson(userId);
      const now = this.clock.now();
      const fact = Object.assign(new TipFact(), {
        id: randomUUID(),
        kind: 'declared_tip',
        businessDay: this.calendar.openDayAt(now),
        userId,
        amount: input.amount,
        categoryId: null,
        paymentId: null,
        occurredAt: now,
      });
      await this.database.insertRows(tx, TipFact, fact);
      this.recorder.changed(tx, fact.businessDay);
      const view = DeclaredTipView.of(fact);
      await this.audit.record(tx, actor, {
        action: 'tip.declared',
        entityType: 'tip',
        entityId: fact.id,
        after: view,
      });
      return view;
    });
  }

  /** Records tips paid to a person on the open day: cash leaves the drawer of this device as a pay-out. */
  payout(actor: StaffPrincipal, input: TipPayoutInput, deviceId: string | null): Promise<TipPayoutView> {
    return this.database.transaction(async (tx) => {
      await this.assertPerson(input.userId);
      const now = this.clock.now();
      const payout = Object.assign(new TipPayout(), {
        id: randomUUID(),
        businessDay: this.calendar.openDayAt(now),
        userId: input.userId,
        amount: input.amount,
        method: input.method,
        cashShiftId: input.method === 'cash' ? await this.payFromDrawer(actor, input, deviceId) : null,
        paidBy: actor.userId,
        paidAt: now,
      });
      await this.database.insertRows(tx, TipPayout, payout);
      this.recorder.changed(tx, payout.businessDay);
      const view = TipPayoutView.of(payout);
      await this.audit.record(tx, actor, {
        action: 'tip.paid_out',
        entityType: 'tip_payout',
        entityId: payout.id,
        after: view,
      });
      return view;
    });
  }

  /**
   * The caller's own tips of this week's business days (Monday on, up to the open day): their card tips (less
   * refunds) and declared tips, and their shares as the ledger keeps them. Read by their user id only.
   */
  async mine(actor: StaffPrincipal): Promise<MyTipsView> {
    const to = this.calendar.today();
    const weekFrom = mondayOf(to);
    const own = { userId: actor.userId, businessDay: Between(weekFrom, to) };
    const reader = this.database.reader;
    const [facts, kept] = await Promise.all([
      reader.find(TipFact, { where: { ...own, kind: In(['card_tip', 'tip_refund', 'declared_tip']) } }),
      reader.find(TipLedgerEntry, { where: own }),
    ]);
    return myTipsOf(weekFrom, to, facts, kept);
  }

  /** The drawer shift open on this device pays the cash out, as a withdrawal with its reason. */
  private async payFromDrawer(
    actor: StaffPrincipal,
    input: TipPayoutInput,
    deviceId: string | null,
  ): Promise<string> {
    const drawer = await this.shifts.current(actor, deviceId);
    await this.shifts.recordMovement(
      actor,
      drawer.id,
      {
        kind: DrawerMovementKind.Withdrawal,
        amount: input.amount,
        reason: `Tips paid out (${input.userId})`,
      },
      deviceId,
    );
    return drawer.id;
  }

  private async assertPerson(userId: string): Promise<void> {
    try {
      await this.users.get(userId);
    } catch (error) {
      if (error instanceof DomainError) throw DomainError.invalidField('userId', `no staff member ${userId}`);
      throw error;
    }
  }
}
