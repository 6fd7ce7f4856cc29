import { In } from 'typeorm';
import type { Tx } from '../database/database.service';
import type { LabourDayInput } from './dto/labour-fact-rules';
import type { SalesFactInput } from './dto/sales-facts.inputs';
import { HqLabourDay, HqTipDay } from './hq-labour.entities';

/** Rows per statement: well below SQLite's bound on parameters. */
const ROWS_PER_STATEMENT = 50;

/**
 * New `labour_days` facts of a site, in the transaction that keeps them: each day a fact names replaces what
 * headquarters held of it (its jobs' time and its tips), so a day sent again after a correction supersedes, never
 * adds. Facts come in the site's log order, so of a batch the last naming a day wins. A few statements per batch.
 */
export async function keepLabourDays(
  tx: Tx,
  siteId: string,
  facts: readonly SalesFactInput[],
  receivedAt: Date,
): Promise<void> {
  const latest = new Map<string, { fact: SalesFactInput; day: LabourDayInput }>();
  for (const fact of facts) {
    if (fact.type !== 'labour_days') continue;
    for (const day of fact.detail.days as LabourDayInput[]) latest.set(day.businessDay, { fact, day });
  }
  if (latest.size === 0) return;
  const days = [...latest.keys()];
  for (let start = 0; start < days.length; start += ROWS_PER_STATEMENT) {
    await tx.manager.delete(HqLabourDay, {
      siteId,
      businessDay: In(days.slice(start, start + ROWS_PER_STATEMENT)),
    });
  }
  const jobs = [...latest.values()].flatMap(({ fact, day }) =>
    day.jobs.map((job) =>
      Object.assign(new HqLabourDay(), {
        siteId,
        businessDay: day.businessDay,
        jobKey: job.key,
        job: job.name,
        currency: fact.currency,
        seq: fact.seq,
        workedSeconds: job.workedSeconds,
        overtimeSeconds: job.overtimeSeconds,
        cost: job.cost,
      }),
    ),
  );
  const tips = [...latest.values()].map(({ fact, day }) =>
    Object.assign(new HqTipDay(), {
      siteId,
      businessDay: day.businessDay,
      currency: fact.currency,
      seq: fact.seq,
      ...day.tips,
      receivedAt,
    }),
  );
  for (let start = 0; start < jobs.length; start += ROWS_PER_STATEMENT) {
    await tx.manager.insert(HqLabourDay, jobs.slice(start, start + ROWS_PER_STATEMENT));
  }
  for (let start = 0; start < tips.length; start += ROWS_PER_STATEMENT) {
    await tx.manager.upsert(HqTipDay, tips.slice(start, start + ROWS_PER_STATEMENT), [
      'siteId',
      'businessDay',
    ]);
  }
}
