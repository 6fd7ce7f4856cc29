import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checked, commandArbitraries, startRun } from './support/model-commands';
import { checkInvariants } from './support/model-invariants';
import { Pay, Refund } from './support/model-money';
import { AddItems, Cancel, Discount, OpenOrder, VoidItem } from './support/model-orders';
import { AttachCustomer, TakeReward } from './support/model-guests';
import { Merge, MoveItem, Split } from './support/model-splits';
import { addDays, Model, ModelCommand } from './support/model-state';
import { World } from './support/model-world';
import { figuresOf, HqReport } from './support/chain-sales';
import { SITE_IDENTITY } from './support/chain-sites';
import { as, loginAdmin, Session } from './support/clients';
import { ServiceProcess, startService } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { eventually } from './support/webhook-receiver';

/**
 * The model-based test across features (docs/design.md, "Where features meet"): random sequences of orders,
 * items, discounts, rewards, splits, merges, moves, payments (card ones on the simulator terminal, each of its
 * outcomes), refunds, cancels, closes, the day's close, customers' erasure and tablets replaying their orders,
 * the time clock (clock-ins in one of two jobs, breaks paid and unpaid, managers' corrections), tips taken and
 * declared under a tip-out and a pool, and the tablets' cash drawers (float, pay-ins and -outs, counts), driven
 * over HTTP against the real app from two tablets (X-Device-Id) with the simulated signing unit, with
 * every invariant checked after every step. The restaurant is a site of a chain: headquarters (a process of its
 * own) receives its sales all along, and in the end holds every one of them exactly once.
 *
 * A fixed range of seeds and a few random ones; a failure prints its seed and paths, and
 *   MODEL_SEED=<seed> MODEL_PATH=<path> MODEL_REPLAY_PATH=<replayPath> npx jest test/model-based.e2e-spec.ts
 * replays it (the replayPath is in the counterexample's comment). MODEL_STEPS, MODEL_RUNS and MODEL_CHECK_SECONDS
 * size it (the replay needs the same MODEL_STEPS); MODEL_WITHOUT=CloseDay,Merge leaves commands out, to look past
 * a known defect.
 */

const postgres = process.env.DATABASE_URL?.startsWith('postgres') ?? false;
const STEPS = Number(process.env.MODEL_STEPS ?? 60);
const RUNS = Number(process.env.MODEL_RUNS ?? 6);
const FIXED_SEEDS = [20_261, 20_262];
/** Each check's budget, shrinking included: it reports the smallest failing path found by then. */
const CHECK_MS = Number(process.env.MODEL_CHECK_SECONDS ?? 20) * 1000;

jest.setTimeout(15 * 60_000);

describe('Model-based: random sequences across features keep every invariant', () => {
  let t: TestApp;
  let world: World;
  let hq: ServiceProcess;
  let hqDatabase: TestDatabase;
  let hqAdmin: Session;
  let siteId: string;
  const tseFolder = mkdtempSync(join(tmpdir(), 'pos-model-tse-'));
  /** The first business day of the runs: a day ahead, each run on its own days after it. */
  const firstDay = addDays(new Date().toISOString().slice(0, 10), 2);

  beforeAll(async () => {
    t = await startTestApp({
      SERVICE_CHARGE_RATE: '10',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      FISCAL_SIGNER: 'simulated-tse',
      FISCAL_TSE_DIR: tseFolder,
      HQ_CONTACT_SECONDS: '1',
    });
    t.clock.pin();
    world = await World.start(t);
    hqDatabase = await createTestDatabase();
    hq = await startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' });
    hqAdmin = await loginAdmin(hq);
    const added = await as(hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name: 'The model restaurant' })
      .expect(201);
    siteId = added.body.site.id as string;
    await as(t, await loginAdmin(t))
      .post('/api/v1/hq-link')
      .send({ url: hq.url, code: added.body.linkCode })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    const tally = [...(world?.tally ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    process.stdout.write(
      `model-based (${postgres ? 'PostgreSQL' : 'SQLite'}): ${tally.map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
    );
    await t?.close();
    hq?.child.kill('SIGTERM');
    await hq?.exited;
    await hqDatabase?.drop();
    rmSync(tseFolder, { recursive: true, force: true });
  });

  const property = () =>
    fc.asyncProperty(
      // Without bias: fast-check's first runs would otherwise be a few commands long.
      fc.noBias(
        fc.commands(
          commandArbitraries(world.features).map((arbitrary) =>
            arbitrary.map((command) => new Checked(command)),
          ),
          { maxCommands: STEPS, size: 'max', replayPath: process.env.MODEL_REPLAY_PATH },
        ),
      ),
      async (commands) => {
        await fc.asyncModelRun(
          async () => ({ model: await startRun(world, firstDay), real: world }),
          commands,
        );
      },
    );

  /** Runs the property, and on failure says how to replay it. */
  async function check(parameters: fc.Parameters<[Iterable<fc.AsyncCommand<Model, World>>]>): Promise<void> {
    // Past the time limit no new run starts, and the one running ends: an interrupted run (interruptAfterTimeLimit)
    // would go on in the background, its late calls and clock moves landing in the next seed's runs. The runs
    // skipped then make fast-check report "too many pre-condition failures", with no counterexample: not a failure.
    const details = await fc.check(property(), { skipAllAfterTimeLimit: CHECK_MS, ...parameters });
    expect(details.numRuns).toBeGreaterThan(0);
    if (details.failed && details.counterexample !== null) {
      throw new Error(
        `MODEL_SEED=${details.seed} MODEL_PATH=${details.counterexamplePath} ` +
          `(${postgres ? 'PostgreSQL' : 'SQLite'})\n${fc.defaultReportMessage(details)}\n` +
          `${(details.errorInstance as Error | undefined)?.message ?? ''}`,
      );
    }
  }

  if (process.env.MODEL_SEED) {
    it('replays the seed and path given', () =>
      check({
        seed: Number(process.env.MODEL_SEED),
        path: process.env.MODEL_PATH,
        numRuns: 1,
        endOnFailure: false,
      }));
    return;
  }

  it.each(FIXED_SEEDS)('keeps every invariant over seed %i', (seed) => check({ seed, numRuns: RUNS }));

  it('keeps every invariant over a random seed', () => check({ numRuns: 2 }));

  it('signs every receipt of the runs exactly once, in the end', async () => {
    const receipts = await eventually('every receipt signed', async () => {
      const all: Array<{ id: string; fiscal: { state: string } | null }> = [];
      for (let page = 1; ; page++) {
        const body = await world.read(`/receipts?page=${page}&perPage=100`);
        all.push(...body.items);
        if (page >= body.pages) break;
      }
      return all.every((receipt) => receipt.fiscal?.state === 'signed') && all;
    });
    const signed = await t.dataSource.query<Array<{ receipt_id: string; n: number | string }>>(
      "SELECT receipt_id, COUNT(*) AS n FROM fiscal_transactions WHERE receipt_id IS NOT NULL AND state = 'signed' " +
        'GROUP BY receipt_id',
    );
    expect(signed.filter((row) => Number(row.n) !== 1)).toEqual([]);
    expect(signed.map((row) => row.receipt_id).sort()).toEqual(receipts.map((receipt) => receipt.id).sort());
  });

  /**
   * Several tills at once: batches of commands sent together (Promise.all), each answer written into the model as
   * it comes; refusals are what a race may give, never a 5xx; the invariants are checked after each batch.
   */
  it(`keeps every invariant with several clients at once (${postgres ? 'full' : 'small'})`, async () => {
    const rounds = postgres ? 8 : 3;
    const size = postgres ? 6 : 3;
    const concurrent: Array<fc.Arbitrary<ModelCommand>> = concurrentArbitraries();
    const seed = Number(process.env.MODEL_CONCURRENT_SEED ?? Date.now() % 100_000);
    const batches = fc.sample(fc.array(fc.oneof(...concurrent), { minLength: size, maxLength: size }), {
      seed,
      numRuns: rounds,
    });
    const model = await startRun(world, firstDay);
    const opening = fc.sample(concurrent[0], { seed, numRuns: 4 });
    for (const command of opening) await command.run(model, world);
    for (const n of [0, 1]) await new AttachCustomer(n, n).run(model, world);
    for (const [round, batch] of batches.entries()) {
      // A command's own check fails inside the batch, the invariants after it: both name the seed to replay.
      try {
        world.relaxed = true;
        try {
          await Promise.all(batch.filter((c) => c.check(model)).map((c) => c.run(model, world)));
        } finally {
          world.relaxed = false;
        }
        await checkInvariants(model, world);
      } catch (error) {
        throw new Error(
          `MODEL_CONCURRENT_SEED=${seed}, round ${round}: ${batch.map(String).join(' | ')}\n${(error as Error).message}`,
        );
      }
    }
  });

  it("gives headquarters every sale of the runs exactly once: its report for the site equals the site's own", async () => {
    // Every run's business days, and the site's report of them (the days a report may span at most).
    const period = `from=${addDays(firstDay, -1)}&to=${addDays(firstDay, 364)}`;
    const own = figuresOf((await world.read(`/reports/sales?${period}`)).totals);
    expect(own.orders).toBeGreaterThan(0);
    let seen: unknown;
    await eventually(
      `headquarters' figures to equal the site's ${JSON.stringify(own)}`,
      async () => {
        const report = (
          await as(hq, hqAdmin).get(`/api/v1/hq/reports/sales?${period}&groupBy=site`).expect(200)
        ).body as HqReport;
        seen = figuresOf(report.rows.find((row) => row.key === siteId) ?? {});
        return JSON.stringify(seen) === JSON.stringify(own);
      },
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; headquarters last had ${JSON.stringify(seen)}`);
    });
  });

  /** What may race: every command but the closes, the calendar and the customers' own changes. */
  function concurrentArbitraries(): Array<fc.Arbitrary<ModelCommand>> {
    const pick = fc.nat(9);
    const lines = fc.array(
      fc.record({ dish: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }), seat: fc.constant(0) }),
      { minLength: 1, maxLength: 3 },
    );
    return [
      fc
        .tuple(fc.constantFrom('dine_in', 'takeaway', 'channel') as fc.Arbitrary<'dine_in'>, lines, pick)
        .map(([kind, items, table]) => new OpenOrder(kind, items, table, false)),
      fc.tuple(pick, lines).map(([o, items]) => new AddItems(o, items)),
      fc.tuple(pick, pick).map(([o, i]) => new VoidItem(o, i)),
      pick.map((o) => new Discount(o, 'percent', 10)),
      pick.map((o) => new TakeReward(o, 'dish')),
      fc.tuple(pick, pick).map(([o, i]) => new Split(o, 'items', i, 2)),
      fc.tuple(pick, pick).map(([a, b]) => new Merge(a, b)),
      fc.tuple(pick, pick).map(([a, b]) => new Merge(a, b)),
      fc.tuple(pick, pick, pick).map(([a, b, i]) => new MoveItem(a, b, i)),
      fc
        .tuple(pick, fc.constantFrom('cash', 'card', 'giftCard') as fc.Arbitrary<'cash'>, pick)
        .map(([o, method, card]) => new Pay(o, method, 5, 100, card)),
      fc.tuple(pick, pick).map(([o, card]) => new Pay(o, 'card', 10, 0, card)),
      fc.tuple(pick, fc.constantFrom(3, 10)).map(([p, tenths]) => new Refund(p, tenths)),
      fc.tuple(pick, fc.constantFrom(3, 10)).map(([p, tenths]) => new Refund(p, tenths)),
      pick.map((o) => new Cancel(o)),
    ];
  }
});
