import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { And, LessThan, MoreThanOrEqual } from 'typeorm';
import { CoalescingRunner } from '../../../common/loops/coalescing-runner';
import { Clock } from '../../../common/time/clock';
import { Database, Tx } from '../../../database/database.service';
import { ApiKeyUsageRecord } from './api-key-usage.entity';
import { ApiKeyUsageQuery } from './dto/usage.inputs';
import { ApiKeyUsageView, RouteUsageView, StatusUsageView } from './dto/usage.views';
import { BucketTotal, latencyPercentiles } from './latency-buckets';
import {
  DAY_MS,
  daySeries,
  hasHourlySeries,
  hourSeries,
  USAGE_RETENTION_DAYS,
  UsageCounts,
  UsagePeriod,
  usagePeriod,
} from './usage-series';
import { UsageRow, UsageTally } from './usage-tally';

const FLUSH_EVERY_MS = 5_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/** Rows per INSERT: 8 parameters each, well below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 250;

/** A flush adds its counts to the stored ones; the latest request of a row only moves forward. */
const ADD_TO_STORED_COUNTS = `ON CONFLICT (key_id, hour_start, route, status, latency_bucket_ms) DO UPDATE SET
  requests = api_key_usage.requests + excluded.requests,
  total_ms = api_key_usage.total_ms + excluded.total_ms,
  last_request_at = CASE WHEN excluded.last_request_at > api_key_usage.last_request_at
    THEN excluded.last_request_at ELSE api_key_usage.last_request_at END`;

/** Writes keys' latest use somewhere else too (api_keys.last_used_at), in the flush's transaction. */
export type LastUsedWriter = (tx: Tx, lastUsedByKey: ReadonlyMap<string, Date>) => Promise<void>;

interface BreakdownRow {
  route: string;
  status: number | string;
  boundMs: number | string;
  requests: number | string;
  totalMs: number | string;
}

interface HourRow {
  hourStart: unknown;
  requests: number | string;
  errors: number | string;
}

/**
 * Usage statistics of API keys. Requests are counted in memory (count() costs a few map lookups, no I/O) and
 * flushed every few seconds and at shutdown, in one transaction that adds them to per-hour counters: no database
 * write per request. A failed flush keeps its counts for the next one; flushes run one at a time, each on counts
 * taken out of the tally, so nothing is written twice.
 */
@Injectable()
export class ApiKeyUsage implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiKeyUsage.name);
  private pending = new UsageTally();
  private flushes: Promise<void> = Promise.resolve();
  /** A failed flush keeps its counts for the next one. */
  private readonly regularFlushes = new CoalescingRunner(() => this.flush(), {
    name: 'Flushing API key usage',
    logger: this.logger,
    everyMs: FLUSH_EVERY_MS,
  });
  private lastUsedWriter?: LastUsedWriter;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Counts one request made with a key: synchronous, in memory only. */
  count(keyId: string, route: string, status: number, durationMs: number, at: Date): void {
    this.pending.count(keyId, route, status, durationMs, at.getTime());
  }

  /** Has every flush also hand the latest use of its keys to `writer`, in the same transaction. */
  writeLastUsedWith(writer: LastUsedWriter): void {
    this.lastUsedWriter = writer;
  }

  /**
   * Writes the counts so far. Flushes run one after another, so when this resolves every request counted before
   * the call is stored. On failure the counts stay in memory for the next flush, and this rejects.
   */
  flush(): Promise<void> {
    const flushed = this.flushes.then(() => this.writePending());
    this.flushes = flushed.catch(() => undefined);
    return flushed;
  }

  /** The periodic flushes stop before the last one, at shutdown. */
  async onModuleDestroy(): Promise<void> {
    await this.regularFlushes.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.logger.error(
        { err: error, lostRequests: this.pending.requests },
        'API key usage could not be saved at shutdown',
      );
    }
  }

  onApplicationBootstrap(): void {
    void this.prune();
    this.regularFlushes.start();
  }

  /** Forgets usage older than the retention. */
  @Interval(PRUNE_EVERY_MS)
  async prune(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - USAGE_RETENTION_DAYS * DAY_MS);
    try {
      await this.database.transaction(({ manager }) =>
        manager.delete(ApiKeyUsageRecord, { hourStart: LessThan(cutoff) }),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning API key usage failed');
    }
  }

  /**
   * Deletes a key's usage in the transaction that deletes the key. Its counts not yet flushed are dropped once
   * that transaction commits (kept if it rolls back).
   */
  async forgetKey(tx: Tx, keyId: string): Promise<void> {
    await tx.sql('DELETE FROM "api_key_usage" WHERE "key_id" = $1', [keyId]);
    tx.afterCommit(() => this.pending.forget(keyId));
  }

  /**
   * A key's usage in a period, summed in the database by hour and by (route, status, latency bucket). This
   * instance's pending counts are flushed first, so a caller sees its own requests.
   */
  async usage(keyId: string, query: ApiKeyUsageQuery = {}): Promise<ApiKeyUsageView> {
    const period = usagePeriod(
      query.from === undefined ? undefined : new Date(query.from),
      query.to === undefined ? undefined : new Date(query.to),
      this.clock.now(),
    );
    await this.flush();
    const [breakdown, hours, lastUsedAt] = await Promise.all([
      this.breakdown(keyId, period),
      this.hourTotals(keyId, period),
      this.lastUsedAt(keyId),
    ]);
    const byStatus = new Map<number, StatusUsageView>();
    const byRoute = new Map<string, { view: RouteUsageView; buckets: BucketTotal[] }>();
    const buckets: BucketTotal[] = [];
    let requests = 0;
    let errors = 0;
    for (const row of breakdown) {
      const status = Number(row.status);
      const bucket = {
        boundMs: Number(row.boundMs),
        requests: Number(row.requests),
        totalMs: Number(row.totalMs),
      };
      const failed = status >= 400 ? bucket.requests : 0;
      requests += bucket.requests;
      errors += failed;
      buckets.push(bucket);
      const statusView = byStatus.get(status) ?? { status, requests: 0 };
      statusView.requests += bucket.requests;
      byStatus.set(status, statusView);
      const route = byRoute.get(row.route) ?? {
        view: { route: row.route, requests: 0, errors: 0, latencyMs: latencyPercentiles([]) },
        buckets: [],
      };
      route.view.requests += bucket.requests;
      route.view.errors += failed;
      route.buckets.push(bucket);
      byRoute.set(row.route, route);
    }
    return {
      keyId,
      from: new Date(period.fromMs).toISOString(),
      to: new Date(period.toMs).toISOString(),
      requests,
      errors,
      lastUsedAt: lastUsedAt?.toISOString() ?? null,
      latencyMs: latencyPercentiles(buckets),
      byStatus: [...byStatus.values()].sort((a, b) => a.status - b.status),
      byRoute: [...byRoute.values()]
        .map(({ view, buckets: routeBuckets }) => ({ ...view, latencyMs: latencyPercentiles(routeBuckets) }))
        .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route)),
      byDay: daySeries(period, hours),
      byHour: hasHourlySeries(period) ? hourSeries(period, hours) : null,
    };
  }

  /** Takes the pending counts out of the tally and writes them; puts them back if the write fails. */
  private async writePending(): Promise<void> {
    if (this.pending.requests === 0) return;
    const batch = this.pending;
    this.pending = new UsageTally();
    try {
      await this.database.transaction(async (tx) => {
        for (const rows of chunks(batch.rows(), ROWS_PER_STATEMENT)) {
          await this.database.insertRows(tx, ApiKeyUsageRecord, rows, ADD_TO_STORED_COUNTS);
        }
        await this.lastUsedWriter?.(tx, batch.lastUsed());
      });
    } catch (error) {
      this.pending.merge(batch);
      throw error;
    }
  }

  private breakdown(keyId: string, period: UsagePeriod): Promise<BreakdownRow[]> {
    return this.database.reader
      .createQueryBuilder(ApiKeyUsageRecord, 'u')
      .select('u.route', 'route')
      .addSelect('u.status', 'status')
      .addSelect('u.latency_bucket_ms', 'boundMs')
      .addSelect('SUM(u.requests)', 'requests')
      .addSelect('SUM(u.total_ms)', 'totalMs')
      .where(inPeriod(keyId, period))
      .groupBy('u.route')
      .addGroupBy('u.status')
      .addGroupBy('u.latency_bucket_ms')
      .getRawMany<BreakdownRow>();
  }

  /** Requests and errors per hour that has any. */
  private async hourTotals(keyId: string, period: UsagePeriod): Promise<Map<number, UsageCounts>> {
    const rows = await this.database.reader
      .createQueryBuilder(ApiKeyUsageRecord, 'u')
      .select('u.hour_start', 'hourStart')
      .addSelect('SUM(u.requests)', 'requests')
      .addSelect('SUM(CASE WHEN u.status >= 400 THEN u.requests ELSE 0 END)', 'errors')
      .where(inPeriod(keyId, period))
      .groupBy('u.hour_start')
      .getRawMany<HourRow>();
    return new Map(
      rows.map((row) => [
        this.storedTime('hourStart', row.hourStart).getTime(),
        { requests: Number(row.requests), errors: Number(row.errors) },
      ]),
    );
  }

  /** The latest request with the key: the latest of its latest hour's rows, both found on an index. */
  private async lastUsedAt(keyId: string): Promise<Date | null> {
    const reader = this.database.reader;
    const latestHour = reader
      .createQueryBuilder(ApiKeyUsageRecord, 'latest')
      .select('MAX(latest.hour_start)')
      .where('latest.key_id = :keyId');
    const row = await reader
      .createQueryBuilder(ApiKeyUsageRecord, 'u')
      .select('MAX(u.last_request_at)', 'lastRequestAt')
      .where('u.key_id = :keyId', { keyId })
      .andWhere(`u.hour_start = (${latestHour.getQuery()})`)
      .getRawOne<{ lastRequestAt: unknown }>();
    return row?.lastRequestAt ? this.storedTime('lastRequestAt', row.lastRequestAt) : null;
  }

  /** A time read raw from the database (a UTC text on SQLite, a Date on PostgreSQL) as TypeORM hydrates it. */
  private storedTime(property: 'hourStart' | 'lastRequestAt', raw: unknown): Date {
    const metadata = this.database.dataSource.getMetadata(ApiKeyUsageRecord);
    const column = metadata.findColumnWithPropertyName(property)!;
    return this.database.dataSource.driver.prepareHydratedValue(raw, column) as Date;
  }
}

function inPeriod(keyId: string, period: UsagePeriod) {
  return {
    keyId,
    hourStart: And(MoreThanOrEqual(new Date(period.fromMs)), LessThan(new Date(period.toMs))),
  };
}

function* chunks(rows: Iterable<UsageRow>, size: number): Generator<UsageRow[]> {
  let chunk: UsageRow[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
