import { Injectable } from '@nestjs/common';
import { Between, EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { addDays } from '../orders/business-day';
import { BusinessCalendar } from '../orders/business-calendar';
import { TimeClockService } from '../time-clock/time-clock.service';
import { shareTips, TipShare, WorkedShift } from './tip-sharing';
import { TipDay, TipFact, TipLedgerEntry, TipPayout, TipRule, TipRuleTerms } from './tips.entities';

/** A day's shares, and the jobs (by name) each person worked in it. */
export interface DayShares {
  shares: TipShare[];
  jobs: Map<string, string[]>;
}

export const termsOf = (rule: TipRule): TipRuleTerms => ({
  id: rule.id,
  kind: rule.kind,
  percentPpm: rule.percentPpm,
  categoryIds: rule.categoryIds,
  toJobId: rule.toJobId,
  jobIds: rule.jobIds,
  splitBy: rule.splitBy,
  eligibility: rule.eligibility,
});

/**
 * The tip ledger: each business day's shares, worked out from the day's facts by its rules (shareTips) and kept
 * per person. The open day follows the rules as they are now; a past day keeps the rules it was last shared by.
 */
@Injectable()
export class TipLedger {
  constructor(
    private readonly database: Database,
    private readonly calendar: BusinessCalendar,
    private readonly timeClock: TimeClockService,
    private readonly clock: Clock,
  ) {}

  /**
   * Shares `businessDay` again from its facts and keeps the result, in the transaction that changed them, one
   * transaction per day at a time (what it reads must include what another just wrote).
   */
  async refresh(tx: Tx, businessDay: string): Promise<void> {
    await this.database.serialise(tx, `tips:${businessDay}`, LockKind.TipDay);
    const now = this.clock.now();
    const rules = await this.rulesOf(tx.manager, businessDay);
    const { shares } = await this.share(tx.manager, businessDay, rules, now);
    await tx.manager.save(TipDay, { businessDay, rules, computedAt: now });
    await tx.manager.delete(TipLedgerEntry, { businessDay });
    if (shares.length > 0) {
      await tx.manager.insert(
        TipLedgerEntry,
        shares.map((share) => ({ businessDay, ...share })),
      );
    }
  }

  /**
   * A day's shares worked out again from its facts, written nowhere: what the report shows. An open shift counts
   * up to `asOf` (now, or the moment the day was kept, to compare the kept ledger with what it was worked out from).
   */
  async rebuild(businessDay: string, asOf: Date = this.clock.now()): Promise<DayShares> {
    const reader = this.database.reader;
    return this.share(reader, businessDay, await this.rulesOf(reader, businessDay), asOf);
  }

  /** The ledger as kept for the days from `from` to `to`, and the moment each day was last shared. */
  async kept(from: string, to: string): Promise<{ entries: TipLedgerEntry[]; keptAt: Map<string, Date> }> {
    const reader = this.database.reader;
    const [entries, days] = await Promise.all([
      reader
        .createQueryBuilder(TipLedgerEntry, 'entry')
        .where('entry.businessDay >= :from AND entry.businessDay <= :to', { from, to })
        .orderBy('entry.businessDay')
        .getMany(),
      reader.find(TipDay, {
        select: { businessDay: true, computedAt: true },
        where: { businessDay: Between(from, to) },
      }),
    ]);
    return { entries, keptAt: new Map(days.map((day) => [day.businessDay, day.computedAt])) };
  }

  /**
   * Whether a day's sales change its shares: only a tip-out takes a share of sales. Without one an order's close
   * does not share the day again (it would read the whole day at every close, under the day's lock).
   */
  async salesShared(manager: EntityManager, businessDay: string): Promise<boolean> {
    return (await this.rulesOf(manager, businessDay)).some((rule) => rule.kind === 'tip_out');
  }

  /** The open day's (and a day never shared yet): the rules now; a past day: those it was shared by. */
  private async rulesOf(manager: EntityManager, businessDay: string): Promise<TipRuleTerms[]> {
    if (businessDay < this.calendar.today()) {
      const kept = await manager.findOneBy(TipDay, { businessDay });
      if (kept) return kept.rules;
    }
    const rules = await manager.find(TipRule, { order: { position: 'ASC', id: 'ASC' } });
    return rules.map(termsOf);
  }

  private async share(
    manager: EntityManager,
    businessDay: string,
    rules: TipRuleTerms[],
    asOf: Date,
  ): Promise<DayShares> {
    const start = this.calendar.startOf(businessDay);
    const end = this.calendar.startOf(addDays(businessDay, 1));
    const [facts, payouts, entries] = await Promise.all([
      manager.find(TipFact, { where: { businessDay }, order: { occurredAt: 'ASC', id: 'ASC' } }),
      manager.find(TipPayout, { where: { businessDay } }),
      this.timeClock.shiftsWithin(start, end, manager, asOf),
    ]);
    // The time clock's shifts end at `asOf` while open, and their breaks with them; one begun after it is none.
    const shifts: WorkedShift[] = entries
      .filter((entry) => entry.start < entry.end)
      .map((entry) => ({
        userId: entry.userId,
        jobId: entry.jobId,
        start: entry.start,
        end: entry.end,
        unpaidBreaks: entry.breaks
          .filter((pause) => !pause.paid)
          .map((pause) => ({ start: pause.start, end: pause.end })),
      }));
    const amounts = (kinds: TipFact['kind'][]) =>
      facts
        .filter((fact) => kinds.includes(fact.kind))
        .map((fact) => ({
          userId: fact.userId,
          amount: fact.amount,
          at: fact.occurredAt,
          categoryId: fact.categoryId,
        }));
    const shares = shareTips({
      start,
      end,
      rules,
      shifts,
      tips: amounts(['card_tip', 'tip_refund', 'declared_tip']),
      sales: amounts(['sales']),
      payouts: payouts.map((payout) => ({ userId: payout.userId, amount: payout.amount })),
    });
    const jobs = new Map<string, string[]>();
    for (const { userId, job } of entries) {
      const named = jobs.get(userId) ?? [];
      if (job !== null && !named.includes(job)) jobs.set(userId, [...named, job].sort());
      else jobs.set(userId, named);
    }
    return { shares, jobs };
  }
}
