import { randomUUID } from 'node:crypto';
import { Brackets, Not } from 'typeorm';
import type { Database, Tx } from '../../database/database.service';
import type { AddedJob, Backlog, DerivedJob, Job } from './consumer';
import { JobStatus } from './consumer';
import { ConsumerJob } from './consumer-job.entity';

/**
 * One consumer's rows of the shared job table: inserting, finding what may run now, and leasing. Per key only the
 * oldest pending job derived from the log is eligible (the head of its queue), so a key's jobs run strictly in
 * (seq, ordinal) order and a failing one holds back that key only; jobs added outside the log stand outside it.
 */
export class JobQueue {
  constructor(
    private readonly database: Database,
    readonly consumer: string,
  ) {}

  /** Inserts derived jobs, due now; their ordinal is their place among the same event's jobs of their key. */
  async insertDerived(tx: Tx, jobs: Array<DerivedJob<unknown>>, now: Date): Promise<void> {
    const ordinals = new Map<string, number>();
    const rows = jobs.map((job) => {
      const place = `${job.seq} ${job.key}`;
      const ordinal = ordinals.get(place) ?? 0;
      ordinals.set(place, ordinal + 1);
      return this.row(job, job.seq, ordinal, now);
    });
    await this.database.insertRows(tx, ConsumerJob, rows);
  }

  async insertAdded<P>(tx: Tx, jobs: Array<AddedJob<P>>, now: Date): Promise<Array<Job<P>>> {
    const rows = jobs.map((job) => this.row(job, null, 0, now));
    await this.database.insertRows(tx, ConsumerJob, rows);
    return rows.map((row) => jobOf<P>(row));
  }

  async discardKey(tx: Tx, key: string): Promise<void> {
    await tx.manager.delete(ConsumerJob, { consumer: this.consumer, key });
  }

  async backlog(key: string, exceptJobId: string): Promise<Backlog> {
    const where = { consumer: this.consumer, key, status: JobStatus.Pending, id: Not(exceptJobId) };
    const [jobs, oldest] = await Promise.all([
      this.database.reader.count(ConsumerJob, { where }),
      this.database.reader.findOne(ConsumerJob, {
        select: { id: true, createdAt: true },
        where,
        order: { createdAt: 'ASC' },
      }),
    ]);
    return { jobs, oldestAt: oldest?.createdAt ?? null };
  }

  /** Due jobs not leased, of keys not held, heads and jobs outside the order only; oldest due first. */
  due(now: Date, heldKeys: readonly string[], limit: number): Promise<ConsumerJob[]> {
    const query = this.database.reader
      .createQueryBuilder(ConsumerJob, 'j')
      .where('j.consumer = :consumer', { consumer: this.consumer })
      .andWhere('j.status = :pending', { pending: JobStatus.Pending })
      .andWhere('j.nextAttemptAt <= :now', { now })
      .andWhere('(j.leaseUntil IS NULL OR j.leaseUntil < :now)')
      .andWhere(
        new Brackets((head) =>
          head.where('j.seq IS NULL').orWhere(
            `NOT EXISTS (
               SELECT 1 FROM consumer_jobs earlier
               WHERE earlier.consumer = j.consumer AND earlier.ordering_key = j.ordering_key
                 AND earlier.status = :pending AND earlier.seq IS NOT NULL
                 AND (earlier.seq < j.seq OR (earlier.seq = j.seq AND earlier.ordinal < j.ordinal)))`,
          ),
        ),
      );
    if (heldKeys.length > 0) query.andWhere('j.key NOT IN (:...heldKeys)', { heldKeys });
    return query.orderBy('j.nextAttemptAt', 'ASC').addOrderBy('j.seq', 'ASC').limit(limit).getMany();
  }

  /**
   * Leases the job until `until` if it is still pending and no one holds it: true when this caller got it. Another
   * instance that looked at the same moment gets false, so one job never runs twice at once.
   */
  claim(id: string, now: Date, until: Date): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      const result = await tx.manager
        .createQueryBuilder()
        .update(ConsumerJob)
        .set({ leaseUntil: until })
        .where('id = :id AND status = :pending', { id, pending: JobStatus.Pending })
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
        .execute();
      return result.affected === 1;
    });
  }

  /** Gives a leased job back untried. */
  async release(id: string): Promise<void> {
    await this.database.transaction((tx) => tx.manager.update(ConsumerJob, { id }, { leaseUntil: null }));
  }

  private row(job: AddedJob<unknown>, seq: number | null, ordinal: number, now: Date): ConsumerJob {
    return Object.assign(new ConsumerJob(), {
      id: job.id ?? randomUUID(),
      consumer: this.consumer,
      key: job.key,
      seq,
      ordinal,
      payload: JSON.stringify(job.payload ?? null),
      status: JobStatus.Pending,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastAttemptAt: null,
      lastError: null,
      createdAt: now,
      finishedAt: null,
    });
  }
}

/** A stored job as run() gets it. */
export function jobOf<P>(row: ConsumerJob): Job<P> {
  return {
    id: row.id,
    key: row.key,
    seq: row.seq,
    payload: JSON.parse(row.payload) as P,
    attempts: row.attempts,
    createdAt: row.createdAt,
  };
}
