import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { FakeAgent } from './support/fake-agent';
import { FakePrinter } from './support/fake-printers';
import { factories, Restaurant } from './support/factories';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

const FAILOVER_SECONDS = 30;

describe('Print jobs through outages, failover and agents', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp({ PRINTER_FAILOVER_SECONDS: String(FAILOVER_SECONDS) });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
  });

  afterAll(() => t.close());

  async function addPrinter(body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await as(t, admin)
      .post('/api/v1/printers')
      .send({ kind: 'kitchen', widthChars: 42, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  async function order(dishId: string, comment: string): Promise<{ id: string }> {
    const response = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId, quantity: 1, comment }] });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  /** The comments (`! …`) of each ticket, in the order they printed. */
  const comments = (tickets: string[][]) =>
    tickets.flatMap((ticket) => ticket.filter((line) => line.startsWith('! ')).map((line) => line.slice(2)));

  async function jobsOf(printerId: string): Promise<Array<Record<string, unknown>>> {
    const response = await as(t, waiter.session)
      .get('/api/v1/print-jobs')
      .query({ printerId, perPage: 100 })
      .expect(200);
    return response.body.items as Array<Record<string, unknown>>;
  }

  /** The printer's newest job once `done` says it is recorded (the record follows the printer's close). */
  async function untilJob(
    printerId: string,
    done: (job: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>> {
    for (;;) {
      const [job] = await jobsOf(printerId);
      if (job && done(job)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('prints 200 orders once each and in order, though the printer is down for part of the run', async () => {
    const r = await make.newRestaurant();
    const grill = await FakePrinter.start();
    try {
      await addPrinter({ name: 'Grill 200', connection: grill.connection(), stationIds: [r.grill.id] });
      for (let n = 1; n <= 200; n++) {
        if (n === 60) await grill.down();
        if (n === 140) await grill.up();
        await order(r.fries.id, `order ${n}`);
      }
      await grill.waitFor(200, 30_000);
      const wanted = Array.from({ length: 200 }, (_, i) => `order ${i + 1}`);
      // A marker after the 200: had anything printed twice, it would be among what came before it.
      await order(r.fries.id, 'the end');
      await grill.waitFor(201, 30_000);
      expect(comments(grill.tickets)).toEqual([...wanted, 'the end']);
    } finally {
      await grill.down();
    }
    // 200 orders one after another: about 30 s alone, twice that beside a busy worker.
  }, 180_000);

  it('fails over to the backup after PRINTER_FAILOVER_SECONDS, and prints nothing twice when the primary is back', async () => {
    const r = await make.newRestaurant();
    const primary = await FakePrinter.start();
    const backup = await FakePrinter.start();
    const managers = await open({ token: manager.session.accessToken });
    try {
      const backupId = (await addPrinter({ name: 'Backup', connection: backup.connection() })).id;
      const primaryId = (
        await addPrinter({
          name: 'Primary',
          connection: primary.connection(),
          stationIds: [r.grill.id],
          backupPrinterId: backupId,
        })
      ).id;
      await primary.down();
      const first = await order(r.fries.id, 'while down');
      // The first attempt fails, so the outage has begun; the failover is due only once the time has passed.
      for (;;) {
        const printer = await as(t, admin).get(`/api/v1/printers/${primaryId}`).expect(200);
        if (printer.body.failingSince) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      t.clock.advance((FAILOVER_SECONDS + 1) * 1000);
      await backup.waitFor(1);
      expect(comments(backup.tickets)).toEqual(['while down']);
      await managers.until((events) => events.some((event) => event.type === 'printer.failed'));
      expect(managers.received.find((event) => event.type === 'printer.failed')!.data).toMatchObject({
        printerId: primaryId,
        backupPrinterId: backupId,
      });
      const moved = await untilJob(backupId, (job) => job.status === 'printed');
      expect(moved).toMatchObject({ orderId: first.id, status: 'printed', originalPrinterId: primaryId });

      // Back up: it is probed (every 2 s at most) and takes its tickets back; until then they go to the backup.
      await primary.up();
      const sent = ['while down'];
      while (primary.received.length === 0) {
        const comment = `back ${sent.length}`;
        sent.push(comment);
        const printedBefore = primary.received.length + backup.received.length;
        await order(r.fries.id, comment);
        while (primary.received.length + backup.received.length === printedBefore)
          await primary.waitFor(1, 500).catch(() => undefined);
      }
      await order(r.fries.id, 'marker');
      await primary.waitFor(2);
      // Each ticket printed once, on one printer or the other, and the primary took the last ones.
      const everywhere = [...comments(backup.tickets), ...comments(primary.tickets)];
      expect(everywhere.sort()).toEqual([...sent, 'marker'].sort());
      expect(comments(primary.tickets).slice(-2)).toEqual([sent[sent.length - 1], 'marker']);
      const printer = await as(t, admin).get(`/api/v1/printers/${primaryId}`).expect(200);
      expect(printer.body.failingSince).toBeNull();
    } finally {
      await primary.down();
      await backup.down();
    }
  });

  it('fails a bill no printer could take, with print_job.failed', async () => {
    const r = await make.newRestaurant();
    const counter = await FakePrinter.start();
    const managers = await open({ token: manager.session.accessToken });
    const printerId = (
      await addPrinter({ name: 'Counter (down)', kind: 'receipt', connection: counter.connection() })
    ).id;
    await counter.down();
    const placed = await order(r.beer.id, 'bill');
    const job = await as(t, waiter.session)
      .post(`/api/v1/orders/${placed.id}/print-bill`)
      .send({ printerId })
      .expect(201);
    for (;;) {
      const printer = await as(t, admin).get(`/api/v1/printers/${printerId}`).expect(200);
      if (printer.body.failingSince) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    t.clock.advance((FAILOVER_SECONDS + 1) * 1000);
    await managers.until((events) =>
      events.some((event) => event.type === 'print_job.failed' && event.data.jobId === job.body.id),
    );
    const failed = await untilJob(printerId, (one) => one.status === 'failed');
    expect(failed).toMatchObject({ id: job.body.id, status: 'failed', kind: 'bill' });
    await as(t, waiter.session).post(`/api/v1/print-jobs/${job.body.id}/reprint`).send({}).expect(409);
  });

  describe('a print agent', () => {
    let r: Restaurant;
    let printerId: string;
    let key: string;

    beforeAll(async () => {
      r = await make.newRestaurant();
      printerId = (
        await addPrinter({ name: 'Agent bar', connection: { type: 'agent' }, stationIds: [r.bar.id] })
      ).id;
      key = (
        await issueKey(t, admin, { name: 'Bar agent', scopes: ['print:agent'], printerIds: [printerId] })
      ).key;
    });

    it("receives its printers' jobs, acknowledges them, and gets a refused one again", async () => {
      const agent = await FakeAgent.connect(t.url, key);
      try {
        let refusals = 1;
        agent.answer = () => (refusals-- > 0 ? { ok: false, error: 'paper out' } : { ok: true });
        const placed = await order(r.beer.id, 'by agent');
        await agent.waitFor(2);
        const [refused, printed] = agent.jobs;
        expect(printed.jobId).toBe(refused.jobId);
        expect(printed.printerId).toBe(printerId);
        expect(printed.lines).toEqual(expect.arrayContaining(['NEW', `1x ${r.beer.name}`, '! by agent']));
        const job = await untilJob(printerId, (one) => one.status === 'printed');
        expect(job).toMatchObject({ orderId: placed.id, attempts: 2 });
        await order(r.beer.id, 'marker');
        await agent.waitFor(3);
        expect(agent.jobs.map((job) => job.lines.find((line) => line.startsWith('! ')))).toEqual([
          '! by agent',
          '! by agent',
          '! marker',
        ]);
      } finally {
        agent.close();
      }
    });

    it('scripts/print-agent.js forwards its jobs to a local network printer, once each', async () => {
      const device = await FakePrinter.start();
      const agent = spawn(
        process.execPath,
        [
          join(__dirname, '..', 'scripts', 'print-agent.js'),
          '--url',
          t.url,
          '--printer',
          `${printerId}=tcp://127.0.0.1:${device.port}`,
        ],
        { env: { ...process.env, POS_PRINT_AGENT_KEY: key }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve) =>
          agent.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('connected')) resolve();
          }),
        );
        await order(r.beer.id, 'via the script');
        await device.waitFor(1);
        await order(r.beer.id, 'marker');
        await device.waitFor(2);
        expect(comments(device.tickets)).toEqual(['via the script', 'marker']);
      } finally {
        agent.kill();
        await device.down();
      }
    });

    it('refuses a key without print:agent, and drops an agent whose key is deactivated', async () => {
      const other = await issueKey(t, admin, { name: 'Not an agent', scopes: ['orders:read'] });
      await expect(FakeAgent.connect(t.url, other.key)).rejects.toThrow('UNAUTHORIZED');
      await expect(FakeAgent.connect(t.url, 'pos_nonsense')).rejects.toThrow('UNAUTHORIZED');
      const agent = await FakeAgent.connect(t.url, key);
      const gone = new Promise((resolve) => agent.socket.once('disconnect', resolve));
      const keys = await as(t, admin).get('/api/v1/api-keys').expect(200);
      const id = (keys.body.items as Array<{ id: string; name: string }>).find(
        (one) => one.name === 'Bar agent',
      )!.id;
      await as(t, admin).patch(`/api/v1/api-keys/${id}`).send({ active: false }).expect(200);
      await gone;
    });
  });
});
