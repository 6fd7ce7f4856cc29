import { JwtService } from '@nestjs/jwt';
import { Role } from '../src/common/access/role';
import { EventRetention } from '../src/event-log/event-retention';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { watchReplays } from './support/replay-watch';
import { connect, Envelope, openSockets, TestSocket } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('Real-time events over socket.io', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let tableIds: string[];
  const open = openSockets(() => t);

  const setStatus = (tableId: string, status: string) =>
    as(t, waiter.session).patch(`/api/v1/tables/${tableId}/status`).send({ status });

  /** Flips a table between two statuses, so every call is a real change with one event. */
  const flip = async (tableId: string) => {
    const current = (await as(t, waiter.session).get(`/api/v1/tables/${tableId}`)).body.status;
    const response = await setStatus(tableId, current === 'free' ? 'reserved' : 'free');
    expect(response.status).toBe(200);
  };

  /** Sells out a new dish, an event every socket receives, staff and guests alike; answers its recogniser. */
  const soldOut = async (): Promise<(event: Envelope) => boolean> => {
    const make = factories(t, admin);
    const name = `Marker ${Math.random().toString(36).slice(2, 7)}`;
    const dish = await make.newDish({
      name,
      categoryId: (await make.newCategory(name)).id,
      stationId: (await make.newStation(name)).id,
      price: 100,
    });
    await as(t, admin).patch(`/api/v1/dishes/${dish.id}/availability`).send({ available: false }).expect(200);
    return (event) => event.type === 'menu.availability_changed' && event.data.dishId === dish.id;
  };

  const lastSeq = async () =>
    (await as(t, admin).get('/api/v1/events?since=0&limit=1')).body.lastSeq as number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    const location = await as(t, admin).post('/api/v1/locations').send({ name: 'Hall' });
    tableIds = [];
    for (let i = 0; i < 10; i++) {
      const table = await as(t, admin)
        .post('/api/v1/tables')
        .send({ name: `T${i}`, locationId: location.body.id, seats: 4 });
      tableIds.push(table.body.id);
    }
  });

  afterAll(() => t.close());

  describe('handshake', () => {
    it.each([
      ['no credentials', {}],
      ['a bad token', { token: 'not-a-jwt' }],
      ['an unknown QR token', { qrToken: 'no-such-table' }],
      ['an API key (none are issued yet)', { apiKey: 'pos_live_x' }],
      ['a negative since', { token: 'x', since: -1 }],
    ])('refuses %s with UNAUTHORIZED before connecting', async (_name, auth) => {
      await expect(connect(t, auth)).rejects.toThrow('UNAUTHORIZED');
    });

    it('refuses a malformed stations filter, and accepts a list of station ids', async () => {
      const kitchen = await newStaff(t, Role.Kitchen);
      await expect(connect(t, { token: kitchen.session.accessToken, stations: 'grill' })).rejects.toThrow(
        'UNAUTHORIZED',
      );
      const screen = await open({ token: kitchen.session.accessToken, stations: ['grill', 'bar'] });
      expect(screen.socket.connected).toBe(true);
    });

    it('refuses a token whose session was logged out', async () => {
      const member = await newStaff(t, Role.Waiter);
      await as(t, member.session)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: member.session.refreshToken })
        .expect(204);
      await expect(connect(t, { token: member.session.accessToken })).rejects.toThrow('UNAUTHORIZED');
    });
  });

  describe('live events', () => {
    it('sends table.status_changed in the API.md envelope to waiters, managers and admins only', async () => {
      const kitchen = await newStaff(t, Role.Kitchen);
      const manager = await newStaff(t, Role.Manager);
      const waiterSocket = await open({ token: waiter.session.accessToken });
      const managerSocket = await open({ token: manager.session.accessToken });
      const kitchenSocket = await open({ token: kitchen.session.accessToken });
      const table = (await as(t, admin).get(`/api/v1/tables/${tableIds[0]}`)).body;
      const customerSocket = await open({ qrToken: table.qrToken });

      await setStatus(tableIds[0], 'occupied').expect(200);
      await waiterSocket.until((events) => events.length === 1);
      await managerSocket.until((events) => events.length === 1);
      expect(waiterSocket.received[0]).toEqual({
        seq: expect.any(Number),
        type: 'table.status_changed',
        occurredAt: expect.stringMatching(/Z$/),
        data: expect.objectContaining({ id: tableIds[0], status: 'occupied' }),
      });
      const marker = await soldOut();
      expect(await kitchenSocket.receivedBefore(marker)).toEqual([]);
      expect(await customerSocket.receivedBefore(marker)).toEqual([]);
    });

    it('serves the same events over REST catch-up', async () => {
      await flip(tableIds[1]);
      // The event at `since` is one the waiter sees: the catch-up starts after it, not with it.
      const before = await lastSeq();
      await flip(tableIds[1]);
      await flip(tableIds[1]);
      const response = await as(t, waiter.session).get(`/api/v1/events?since=${before}&limit=10`);
      expect(response.status).toBe(200);
      expect(response.body.items.map((e: { seq: number }) => e.seq)).toEqual([before + 1, before + 2]);
      expect(response.body).toMatchObject({
        nextSince: before + 2,
        lastSeq: before + 2,
        resyncRequired: false,
      });
      const kitchen = await newStaff(t, Role.Kitchen);
      const kitchenView = await as(t, kitchen.session).get(`/api/v1/events?since=${before}`);
      expect(kitchenView.body.items).toEqual([]);
      await as(t, waiter.session).get('/api/v1/events?since=-3').expect(422);
    });
  });

  describe('ordering', () => {
    it('delivers an event committed by another instance, read from the log, in seq order with local ones', async () => {
      const socket = await open({ token: waiter.session.accessToken });
      const before = await lastSeq();
      const foreign = before + 1;
      await t.dataSource.transaction(async (manager) => {
        await manager.query('UPDATE event_sequence SET last_seq = last_seq + 1 WHERE id = 1');
        await manager.query(
          `INSERT INTO events (seq, type, occurred_at, data, audience) VALUES (${foreign}, 'waiter.called', CURRENT_TIMESTAMP, '{"tableId":"${tableIds[0]}","tableName":"X"}', '{"roles":["waiter"]}')`,
        );
      });
      await flip(tableIds[5]);
      await socket.until((events) => events.length === 2);
      expect(socket.received.map((e) => [e.seq, e.type])).toEqual([
        [foreign, 'waiter.called'],
        [foreign + 1, 'table.status_changed'],
      ]);
    });
  });

  describe('replay', () => {
    it('sends exactly the missed events after `since`, in order, then live ones', async () => {
      const start = await lastSeq();
      for (let i = 0; i < 5; i++) await flip(tableIds[2]);
      const socket = await open({ token: waiter.session.accessToken, since: start + 2 });
      await socket.until((events) => events.length === 3);
      await flip(tableIds[2]);
      await socket.until((events) => events.length === 4);
      expect(socket.received.map((e) => e.seq)).toEqual([start + 3, start + 4, start + 5, start + 6]);
    });

    it('ends the replay at the last missed event, then sends live events through the room the socket joined', async () => {
      const watch = watchReplays();
      try {
        const start = await lastSeq();
        for (let i = 0; i < 3; i++) await flip(tableIds[7]);
        // The event at `since` is one the waiter sees: the replay starts after it, not with it.
        const socket = await open({ token: waiter.session.accessToken, since: start + 1 });
        const id = socket.socket.id!;
        await watch.joined(id);
        const replayed = [
          `read after ${start + 1}: ${start + 2},${start + 3}`,
          `read after ${start + 3}: none`,
          'ended',
          'joined role:waiter',
        ];
        expect(watch.journal(id)).toEqual(replayed);
        await flip(tableIds[7]);
        await socket.until((events) => events.length === 3);
        expect(socket.received.map((e) => e.seq)).toEqual([start + 2, start + 3, start + 4]);
        // Nothing read the log for it: the live event came through the room.
        expect(watch.journal(id)).toEqual(replayed);
      } finally {
        watch.stop();
      }
    });

    it('sends an event committed between two reads of the replay once, though it also arrives live', async () => {
      const witness = await open({ token: waiter.session.accessToken });
      const watch = watchReplays();
      try {
        const start = await lastSeq();
        for (let i = 0; i < 3; i++) await flip(tableIds[8]);
        const held = watch.holdRead(2);
        const socket = await open({ token: waiter.session.accessToken, since: start });
        expect(await held.reached).toBe(socket.socket.id);
        await flip(tableIds[8]);
        // A socket in the room has it: the gateway has also handed it to the replaying socket, which holds it.
        await witness.until((events) => events.some((e) => e.seq === start + 4));
        held.release();
        await watch.joined(socket.socket.id!);
        expect(watch.journal(socket.socket.id!)).toEqual([
          `read after ${start}: ${start + 1},${start + 2},${start + 3}`,
          `read after ${start + 3}: ${start + 4}`,
          `read after ${start + 4}: none`,
          'ended',
          'joined role:waiter',
        ]);
        await flip(tableIds[8]);
        await socket.until((events) => events.some((e) => e.seq === start + 5));
        expect(socket.received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => start + n));
      } finally {
        watch.stop();
      }
    });

    /**
     * Sockets of `token` connect with a `since` each while 10 writers commit 20 times each (`write(writer)`, one
     * event of `type` each): each socket receives every such event after its `since` once, in order.
     */
    const replayWhileWriting = async (
      token: string,
      type: string,
      write: (writer: number) => Promise<void>,
    ) => {
      const [WRITERS, EVENTS_PER_WRITER] = [10, 20];
      const start = await lastSeq();
      for (let i = 0; i < 20; i++) await write(3);
      const writing = Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let i = 0; i < EVENTS_PER_WRITER; i++) await write(writer);
        }),
      );
      const clients: Array<{ since: number; socket: TestSocket }> = [];
      for (let i = 0; i < 8; i++) {
        const since = start + i * 3;
        const socket = await open({ token, since });
        clients.push({ since, socket });
        // The next client connects once this one is replaying, so that connections spread over the writing.
        await socket.until((events) => events.length > 0);
      }
      await writing;
      const logged: Envelope[] = [];
      for (let since = start, last = Infinity; since < last;) {
        const page = (await as(t, admin).get(`/api/v1/events?since=${since}&limit=200`).expect(200)).body;
        logged.push(...(page.items as Envelope[]));
        [since, last] = [page.nextSince as number, page.lastSeq as number];
      }
      const written = logged.filter((event) => event.type === type);
      expect(written).toHaveLength(20 + WRITERS * EVENTS_PER_WRITER);
      const end = written.at(-1)!.seq;

      for (const { since, socket } of clients) {
        await socket.until((events) => events.at(-1)?.seq === end);
        const seqs = socket.received.map((e) => e.seq);
        const expected = written.map((e) => e.seq).filter((seq) => seq > since);
        expect({
          missed: expected.filter((seq) => !seqs.includes(seq)).length,
          doubled: seqs.length - new Set(seqs).size,
          ordered: seqs.every((s, i) => i === 0 || s > seqs[i - 1]),
        }).toEqual({ missed: 0, doubled: 0, ordered: true });
      }
    };

    it('loses and doubles nothing while writers commit during the replay', async () => {
      await replayWhileWriting(waiter.session.accessToken, 'table.status_changed', (writer) =>
        flip(tableIds[writer]),
      );
    });

    it('loses and doubles nothing for kitchen screens, whose room is sent each event before the others', async () => {
      const cook = await newStaff(t, Role.Kitchen);
      const make = factories(t, admin);
      const [category, station] = [await make.newCategory('Replay'), await make.newStation('Replay')];
      const newDish = (i: number) =>
        make.newDish({ name: `Replay ${i}`, categoryId: category.id, stationId: station.id, price: 100 });
      const dishes: Array<{ id: string; available: boolean }> = [];
      for (let i = 0; i < 10; i++) dishes.push({ id: (await newDish(i)).id, available: true });
      const toggle = async (writer: number) => {
        const dish = dishes[writer];
        dish.available = !dish.available;
        await as(t, admin)
          .patch(`/api/v1/dishes/${dish.id}/availability`)
          .send({ available: dish.available })
          .expect(200);
      };
      await replayWhileWriting(cook.session.accessToken, 'menu.availability_changed', toggle);
    });

    it('asks for a resync when `since` is older than the retained history', async () => {
      await flip(tableIds[4]);
      t.clock.advance(8 * 24 * 3600_000);
      try {
        await t.app.get(EventRetention).prune();
        await flip(tableIds[4]);
        const end = await lastSeq();
        const socket = await open({ token: waiter.session.accessToken, since: 1 });
        await socket.until(() => socket.resyncs.length === 1);
        expect(socket.resyncs).toEqual([{ lastSeq: end }]);
        await flip(tableIds[4]);
        await socket.until((events) => events.length === 1);
        expect(socket.received[0].seq).toBe(end + 1);
        const rest = await as(t, waiter.session).get('/api/v1/events?since=1');
        expect(rest.body).toMatchObject({ items: [], resyncRequired: true, lastSeq: end + 1 });

        const current = await open({ token: waiter.session.accessToken, since: end });
        await current.until((events) => events.length === 1);
        expect(current.resyncs).toEqual([]);
      } finally {
        t.clock.advance(-8 * 24 * 3600_000);
      }
    });

    it('asks for a resync when `since` is ahead of the log', async () => {
      const socket = await open({ token: waiter.session.accessToken, since: 10_000_000 });
      await socket.until(() => socket.resyncs.length === 1);
    });
  });

  /** An access token of `session`'s own session that expires in `seconds`. */
  const shortLivedToken = (session: Session, seconds: number): Promise<string> => {
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
    return t.app
      .get(JwtService)
      .signAsync({ sub: claims.sub, sid: claims.sid, role: claims.role }, { expiresIn: seconds });
  };

  describe('renewal in place', () => {
    it('warns a staff socket before its token expires, and a fresh token of its session keeps it live past that', async () => {
      const shortLived = await shortLivedToken(waiter.session, 4);
      const renewing = await open({ token: shortLived });
      const control = await open({ token: shortLived });
      const notice = await new Promise<{ expiresAt: string }>((resolve) =>
        renewing.socket.once('auth.expiring', resolve),
      );
      const expiresAt = Date.parse(notice.expiresAt);
      expect(expiresAt).toBeGreaterThan(Date.now());
      const reply = await renewing.socket
        .timeout(5000)
        .emitWithAck('auth.renew', { token: waiter.session.accessToken });
      expect(Date.parse(reply.expiresAt)).toBeGreaterThan(expiresAt + 60_000);
      // The socket that did not renew goes at the old expiry; the renewed one still hears what follows.
      expect(await control.disconnected()).toBe('io server disconnect');
      await flip(tableIds[7]);
      await renewing.until((events) =>
        events.some((e) => e.type === 'table.status_changed' && e.data.id === tableIds[7]),
      );
      expect(renewing.socket.connected).toBe(true);
    });

    it("refuses another session's token, and anything but a token, changing nothing", async () => {
      const other = await newStaff(t, Role.Waiter);
      const socket = await open({ token: await shortLivedToken(waiter.session, 3) });
      const ask = (payload: unknown) => socket.socket.timeout(5000).emitWithAck('auth.renew', payload);
      expect(await ask({ token: other.session.accessToken })).toEqual({ error: 'UNAUTHORIZED' });
      expect(await ask({ token: 'not a token' })).toEqual({ error: 'UNAUTHORIZED' });
      expect(await ask(null)).toEqual({ error: 'UNAUTHORIZED' });
      expect(await socket.disconnected()).toBe('io server disconnect');
    });
  });

  describe('disconnects', () => {
    it('drops a socket when its access token expires', async () => {
      const socket = await open({ token: await shortLivedToken(waiter.session, 1) });
      expect(await socket.disconnected()).toBe('io server disconnect');
    });

    it('drops the sockets of a session that logs out, and only those', async () => {
      const member = await newStaff(t, Role.Waiter);
      const other = await as(t, admin).get('/api/v1/auth/me');
      expect(other.status).toBe(200);
      const leaving = await open({ token: member.session.accessToken });
      const staying = await open({ token: waiter.session.accessToken });
      await as(t, member.session)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: member.session.refreshToken })
        .expect(204);
      expect(await leaving.disconnected()).toBe('io server disconnect');
      // The logout's disconnects were made before this later event was sent: a dropped socket would not get it.
      await flip(tableIds[6]);
      await staying.until((events) =>
        events.some((e) => e.type === 'table.status_changed' && e.data.id === tableIds[6]),
      );
      expect(staying.socket.connected).toBe(true);
    });

    it('drops every socket of a deactivated user', async () => {
      const member = await newStaff(t, Role.Manager);
      const first = await open({ token: member.session.accessToken });
      const second = await open({ token: member.session.accessToken });
      await as(t, admin).patch(`/api/v1/users/${member.id}`).send({ active: false }).expect(200);
      expect(await first.disconnected()).toBe('io server disconnect');
      expect(await second.disconnected()).toBe('io server disconnect');
    });
  });
});
