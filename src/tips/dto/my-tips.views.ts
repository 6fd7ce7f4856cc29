import { ApiProperty } from '@nestjs/swagger';
import type { TipFact, TipLedgerEntry } from '../tips.entities';

/** A person's own tips: what they took and declared, and what the rules made of it, in minor units. */
export class MyTipFiguresView {
  @ApiProperty({ description: 'Card tips of the payments they took, less the parts refunded' })
  cardTips!: number;
  @ApiProperty({ description: 'Cash tips they declared' }) declaredTips!: number;
  @ApiProperty({ description: 'Their share as the ledger keeps it: card and declared tips' }) earned!: number;
  @ApiProperty({ description: 'What the rules moved from them to others (tip-outs, pools)' })
  givenOut!: number;
  @ApiProperty({ description: 'What the rules moved to them from others' }) received!: number;
  @ApiProperty({ description: 'Paid out to them' }) paidOut!: number;
  @ApiProperty({ description: 'earned − givenOut + received − paidOut: still theirs to be paid' })
  balance!: number;
}

export class MyTipDayView extends MyTipFiguresView {
  @ApiProperty({ format: 'date' }) businessDay!: string;
}

/** The caller's tips of this week's business days (Monday on, up to the open day), never anyone else's. */
export class MyTipsView {
  @ApiProperty({ format: 'date', description: 'Monday of the open business day’s week' }) weekFrom!: string;
  @ApiProperty({ format: 'date', description: 'The open business day' }) to!: string;
  @ApiProperty({
    type: [MyTipDayView],
    description: 'Each day of the week with tips of theirs, oldest first',
  })
  days!: MyTipDayView[];
  @ApiProperty({ type: MyTipFiguresView, description: 'The week’s days added up' }) totals!: MyTipFiguresView;
}

const FIGURES = ['cardTips', 'declaredTips', 'earned', 'givenOut', 'received', 'paidOut', 'balance'] as const;
const nothing = (): MyTipFiguresView => ({
  cardTips: 0,
  declaredTips: 0,
  earned: 0,
  givenOut: 0,
  received: 0,
  paidOut: 0,
  balance: 0,
});

/** The week of one person from their tip facts (card, refunded, declared) and their kept ledger rows. */
export function myTipsOf(
  weekFrom: string,
  to: string,
  facts: readonly TipFact[],
  kept: readonly TipLedgerEntry[],
): MyTipsView {
  const days = new Map<string, MyTipDayView>();
  const dayOf = (businessDay: string): MyTipDayView => {
    const known = days.get(businessDay) ?? { businessDay, ...nothing() };
    days.set(businessDay, known);
    return known;
  };
  for (const fact of facts) {
    const day = dayOf(fact.businessDay);
    if (fact.kind === 'declared_tip') day.declaredTips += fact.amount;
    else day.cardTips += fact.amount;
  }
  for (const { businessDay, earned, givenOut, received, paidOut, balance } of kept) {
    Object.assign(dayOf(businessDay), { earned, givenOut, received, paidOut, balance });
  }
  const listed = [...days.values()].sort((a, b) => (a.businessDay < b.businessDay ? -1 : 1));
  const totals = nothing();
  for (const day of listed) for (const figure of FIGURES) totals[figure] += day[figure];
  return { weekFrom, to, days: listed, totals };
}
