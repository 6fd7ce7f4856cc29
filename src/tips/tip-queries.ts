import { Injectable } from '@nestjs/common';
import { Between } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { addDays } from '../orders/business-day';
import { UsersService } from '../users/users.service';
import { DayShares, TipLedger } from './tip-ledger';
import { byUserId, TipShare } from './tip-sharing';
import { TipFact, TipLedgerEntry } from './tips.entities';

/** One person's tips of one day, with their display name (null: the account was removed) and jobs that day. */
export interface NamedTipShare extends TipShare {
  displayName: string | null;
  jobs: string[];
}

/** A business day's tips rebuilt from its facts now, and whether the kept ledger equals them. */
export interface TipDayShares {
  businessDay: string;
  ledgerMatches: boolean;
  people: NamedTipShare[];
}

/** One person's tips over a period of business days, in minor units: what the payroll pays with the wages. */
export interface PersonTips {
  userId: string;
  /** Card tips of the payments they took, less the refunds of them. */
  cardTips: number;
  declaredTips: number;
  /** What the rules moved from them to others and to them from others. */
  givenOut: number;
  received: number;
  paidOut: number;
  /** cardTips + declaredTips − givenOut + received − paidOut. */
  balance: number;
}

/** A day's tips of everyone: earned, moved by the rules (given out equals received), paid out. */
export interface DayTipTotals {
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
}

const sameShares = (a: TipShare[], b: TipShare[]) => {
  const figures = (shares: TipShare[]) =>
    JSON.stringify(
      shares.map(({ userId, earned, givenOut, received, paidOut, balance }) => [
        userId,
        earned,
        givenOut,
        received,
        paidOut,
        balance,
      ]),
    );
  return figures(a) === figures(b);
};

/** What the tips module tells the reports: each day's shares per person, and a period's tips per person. */
@Injectable()
export class TipQueries {
  constructor(
    private readonly database: Database,
    private readonly ledger: TipLedger,
    private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  /** Each business day from `from` to `to` with tips, rebuilt from its facts now, beside the kept ledger. */
  async days(from: string, to: string): Promise<TipDayShares[]> {
    const { entries, keptAt } = await this.ledger.kept(from, to);
    const now = this.clock.now();
    const days: Array<{ businessDay: string; ledgerMatches: boolean; rebuilt: DayShares }> = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const rebuilt = await this.ledger.rebuild(day, now);
      const keptOfDay = entries
        .filter((entry) => entry.businessDay === day)
        .sort((a, b) => byUserId(a.userId, b.userId));
      if (rebuilt.shares.length === 0 && keptOfDay.length === 0) continue;
      // The ledger counted an open shift up to the moment it was kept: the rebuild compared with it counts the same.
      const sharedAt = keptAt.get(day);
      const comparable = sharedAt && sharedAt < now ? await this.ledger.rebuild(day, sharedAt) : rebuilt;
      days.push({ businessDay: day, ledgerMatches: sameShares(comparable.shares, keptOfDay), rebuilt });
    }
    const names = await this.namesOf(days.flatMap((day) => day.rebuilt.shares.map((share) => share.userId)));
    return days.map(({ businessDay, ledgerMatches, rebuilt }) => ({
      businessDay,
      ledgerMatches,
      people: rebuilt.shares.map((share) => ({
        ...share,
        displayName: names.get(share.userId) ?? null,
        jobs: rebuilt.jobs.get(share.userId) ?? [],
      })),
    }));
  }

  /** A business day's tips of everyone added up, rebuilt from its facts now: what headquarters is told. */
  async dayTotals(businessDay: string): Promise<DayTipTotals> {
    const { shares } = await this.ledger.rebuild(businessDay);
    const sum = (figure: keyof DayTipTotals) => shares.reduce((total, share) => total + share[figure], 0);
    return {
      earned: sum('earned'),
      givenOut: sum('givenOut'),
      received: sum('received'),
      paidOut: sum('paidOut'),
    };
  }

  /** Each person's tips of the business days from `from` to `to`, as the kept ledger shared them, by user id. */
  async byPerson(from: string, to: string): Promise<PersonTips[]> {
    const reader = this.database.reader;
    const days = Between(from, to);
    const [facts, entries] = await Promise.all([
      reader.find(TipFact, {
        select: { userId: true, kind: true, amount: true },
        where: [
          { businessDay: days, kind: 'card_tip' },
          { businessDay: days, kind: 'tip_refund' },
          { businessDay: days, kind: 'declared_tip' },
        ],
      }),
      reader.find(TipLedgerEntry, { where: { businessDay: days } }),
    ]);
    const people = new Map<string, PersonTips>();
    const of = (userId: string): PersonTips => {
      let found = people.get(userId);
      if (!found) {
        found = { userId, cardTips: 0, declaredTips: 0, givenOut: 0, received: 0, paidOut: 0, balance: 0 };
        people.set(userId, found);
      }
      return found;
    };
    for (const fact of facts) {
      if (fact.kind === 'declared_tip') of(fact.userId).declaredTips += fact.amount;
      else of(fact.userId).cardTips += fact.amount;
    }
    for (const entry of entries) {
      const person = of(entry.userId);
      person.givenOut += entry.givenOut;
      person.received += entry.received;
      person.paidOut += entry.paidOut;
      person.balance += entry.balance;
    }
    return [...people.values()].sort((a, b) => byUserId(a.userId, b.userId));
  }

  /** The display names of staff, by id (a removed account is left out). */
  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const user = await this.users.get(id).catch(() => null);
      if (user) names.set(id, user.displayName);
    }
    return names;
  }
}
