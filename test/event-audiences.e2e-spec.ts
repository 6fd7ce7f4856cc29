/**
 * Who hears what (issue 67): every socket audience against every event type. docs/events.md's "who receives it" is
 * written from DECLARED_AUDIENCES (src/event-log/event-audiences.ts), so this spec reads the declaration itself:
 *
 * - the pure visibility rule, for every event type and every audience (waiter, manager, admin, the cook of the
 *   event's station, the cook of another, expo, the guests of the order's party and of another table, an
 *   integration's key with and without customers:read): the event reaches exactly those the declaration names;
 * - a night's events on a real service, over socket.io: every event the services stored is addressed within its
 *   declaration, and every socket received exactly what the rule gives it, nothing else. What must NOT arrive is
 *   shown by a later event every socket receives (a dish sold out): events arrive in seq order.
 *
 * - at headquarters (POS_ROLE=hq), over socket.io: a site's sales and a publication reach its manager and admin, and
 *   neither its waiter, its cook nor an integration's key, shown by a later change of the profile every staff
 *   socket receives.
 */
import request from 'supertest';
import { Role } from '../src/common/access/role';
import { Scope } from '../src/common/access/scope';
import type { Audience } from '../src/event-log/audience';
import { EventRecord } from '../src/event-log/event-record.entity';
import { DiningTable } from '../src/floor/table.entity';
import { EventType } from '../src/event-log/event-type';
import { DECLARED_AUDIENCES, DeclaredAudience } from '../src/event-log/event-audiences';
import type { Viewer } from '../src/visibility/viewer';
import { visibleTo } from '../src/visibility/visibility';
import { as, issueKey, loginAdmin, newStaff, Session } from './support/clients';
import { handSentSite, saleFact } from './support/chain-sales';
import { factories, Restaurant } from './support/factories';
import { Envelope, openSockets, TestSocket } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

const GRILL = 'grill-station';
const TABLE = 'table-1';
const SEATING = 3;

const staff = (role: Role, stationIds: string[] | null = null): Viewer => ({
  kind: 'staff',
  principal: { kind: 'staff', userId: role, username: role, role, sessionId: role },
  stationIds,
});
const key = (scopes: Scope[]): Viewer => ({
  kind: 'integration',
  principal: { kind: 'apiKey', keyId: scopes.join(), name: 'key', scopes },
});

/** Each audience, its viewer for the pure rule, and whether the declaration lets it hear an event of the type. */
const AUDIENCES: Array<{ name: string; viewer: Viewer; hears: (declared: DeclaredAudience) => boolean }> = [
  { name: 'waiter', viewer: staff(Role.Waiter), hears: (d) => d.roles.includes(Role.Waiter) },
  { name: 'manager', viewer: staff(Role.Manager), hears: (d) => d.roles.includes(Role.Manager) },
  { name: 'admin', viewer: staff(Role.Admin), hears: (d) => d.roles.includes(Role.Admin) },
  {
    name: 'cook of the event’s station',
    viewer: staff(Role.Kitchen, [GRILL]),
    hears: (d) => d.roles.includes(Role.Kitchen),
  },
  {
    name: 'cook of another station',
    viewer: staff(Role.Kitchen, ['bar-station']),
    hears: (d) => d.roles.includes(Role.Kitchen) && !d.byStation,
  },
  { name: 'expo (every station)', viewer: staff(Role.Kitchen), hears: (d) => d.roles.includes(Role.Kitchen) },
  {
    name: 'guest of the order’s party',
    viewer: { kind: 'customer', tableId: TABLE, seating: SEATING, qrTokenHash: 'h' },
    hears: (d) => d.guests !== null,
  },
  {
    name: 'guest of another table',
    viewer: { kind: 'customer', tableId: 'table-2', seating: SEATING, qrTokenHash: 'h' },
    hears: (d) => d.guests === 'all',
  },
  {
    name: 'key with events:read',
    viewer: key([Scope.EventsRead]),
    hears: (d) => d.integrations && d.integrationScope === null,
  },
  {
    name: 'key with events:read and customers:read',
    viewer: key([Scope.EventsRead, Scope.CustomersRead]),
    hears: (d) => d.integrations,
  },
];

/** The widest audience a service may give an event of this type: its declaration, at the grill, for the party. */
function widest(declared: DeclaredAudience): Audience {
  return {
    roles: [...declared.roles],
    stationIds: declared.byStation ? [GRILL] : undefined,
    customers:
      declared.guests === 'all'
        ? 'all'
        : declared.guests === 'party'
          ? { tableId: TABLE, seating: SEATING }
          : undefined,
    integrations: declared.integrations,
    integrationScope: declared.integrationScope ?? undefined,
  };
}

/** Why a stored audience goes beyond its type's declaration, or null. */
function beyondDeclared(audience: Audience, declared: DeclaredAudience): string | null {
  const extraRoles = audience.roles.filter((role) => !declared.roles.includes(role));
  if (extraRoles.length > 0) return `roles ${extraRoles.join()}`;
  if (declared.byStation && audience.roles.includes(Role.Kitchen) && !audience.stationIds) {
    return 'every kitchen screen, though by station';
  }
  if (audience.customers === 'all' && declared.guests !== 'all') return 'every guest';
  if (audience.customers && declared.guests === null) return 'guests';
  if (audience.integrations && !declared.integrations) return 'integrations';
  if (audience.integrations && (audience.integrationScope ?? null) !== declared.integrationScope) {
    return `integrations with ${audience.integrationScope ?? 'no further scope'}`;
  }
  return null;
}

describe('Who hears what: the visibility rule against the declared audiences', () => {
  it('gives every event type to exactly the audiences its declaration names', () => {
    const wrong: string[] = [];
    for (const type of Object.values(EventType)) {
      const declared = DECLARED_AUDIENCES[type];
      const event: EventRecord = {
        seq: 1,
        type,
        occurredAt: new Date(),
        data: {},
        audience: widest(declared),
      };
      for (const { name, viewer, hears } of AUDIENCES) {
        const sees = visibleTo(event, viewer) !== null;
        if (sees !== hears(declared)) wrong.push(`${type} ${sees ? 'reaches' : 'misses'} ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('Who hears what, over socket.io', () => {
  let t: TestApp;
  let admin: Session;
  let restaurant: Restaurant;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    restaurant = await factories(t, admin).newRestaurant();
  });

  afterAll(() => t?.close());

  /** A dish sold out: menu.availability_changed, which every socket receives. */
  async function soldOut(): Promise<(event: Envelope) => boolean> {
    const dish = restaurant.beer.id;
    await as(t, admin).patch(`/api/v1/dishes/${dish}/availability`).send({ available: false }).expect(200);
    return (event) => event.type === String(EventType.MenuAvailabilityChanged) && event.data.dishId === dish;
  }

  it('sends each socket exactly the events of the night its audience hears', async () => {
    const [waiter, manager, cook] = await Promise.all([
      newStaff(t, Role.Waiter),
      newStaff(t, Role.Manager),
      newStaff(t, Role.Kitchen),
    ]);
    const table = (await as(t, admin).get(`/api/v1/tables/${restaurant.table.id}`).expect(200)).body;
    const eventsKey = await issueKey(t, admin, { scopes: [Scope.EventsRead] });
    const guestsKey = await issueKey(t, admin, { scopes: [Scope.EventsRead, Scope.CustomersRead] });
    const sockets: Array<{ name: string; socket: TestSocket }> = [
      { name: 'waiter', socket: await open({ token: waiter.session.accessToken }) },
      { name: 'manager', socket: await open({ token: manager.session.accessToken }) },
      { name: 'admin', socket: await open({ token: admin.accessToken }) },
      {
        name: 'cook of the grill',
        socket: await open({ token: cook.session.accessToken, stations: [restaurant.grill.id] }),
      },
      {
        name: 'cook of the bar',
        socket: await open({ token: cook.session.accessToken, stations: [restaurant.bar.id] }),
      },
      { name: 'expo', socket: await open({ token: cook.session.accessToken }) },
      { name: 'guest at the table', socket: await open({ qrToken: table.qrToken }) },
      { name: 'key with events:read', socket: await open({ apiKey: eventsKey.key }) },
      { name: 'key with customers:read', socket: await open({ apiKey: guestsKey.key }) },
    ];
    // The party the guest's socket follows: the table's seating when it connected.
    const { seating } = await t.dataSource
      .getRepository(DiningTable)
      .findOneByOrFail({ id: restaurant.table.id });
    const since = (await as(t, admin).get('/api/v1/events?since=0&limit=1').expect(200)).body
      .lastSeq as number;

    // A night in short: an order at the table for the grill, cooked; a guest calls the waiter; a new customer.
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'dine_in',
          tableId: restaurant.table.id,
          items: [{ dishId: restaurant.fries.id, quantity: 1 }],
        })
        .expect(201)
    ).body as { id: string; items: Array<{ id: string }> };
    await as(t, cook.session)
      .patch(`/api/v1/orders/${order.id}/items/${order.items[0].id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await t.http().post(`/api/v1/public/tables/${table.qrToken}/call-waiter`).send({}).expect(202);
    await as(t, manager.session).post('/api/v1/customers').send({ name: 'Ada' }).expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/tables/${restaurant.table.id}/status`)
      .send({ status: 'reserved' });
    const marker = await soldOut();

    const stored = await t.dataSource
      .getRepository(EventRecord)
      .createQueryBuilder('event')
      .where('event.seq > :since', { since })
      .orderBy('event.seq')
      .getMany();
    const night = stored.slice(
      0,
      stored.findIndex((event) => event.type === EventType.MenuAvailabilityChanged),
    );
    expect(night.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        EventType.OrderCreated,
        EventType.OrderItemStatusChanged,
        EventType.WaiterCalled,
        EventType.CustomerUpdated,
      ]),
    );
    const beyond = night.flatMap((event) => {
      const why = beyondDeclared(event.audience, DECLARED_AUDIENCES[event.type]);
      return why ? [`${event.type} #${event.seq}: ${why}`] : [];
    });
    expect(beyond).toEqual([]);

    const heard = async ({ name, socket }: { name: string; socket: TestSocket }) => ({
      name,
      types: (await socket.receivedBefore(marker))
        .filter((e) => e.seq > since)
        .map((e) => `${e.seq} ${e.type}`),
    });
    const viewerOf = (name: string): Viewer => {
      const stations = (ids: string[] | null) => staff(Role.Kitchen, ids);
      const viewers: Record<string, Viewer> = {
        waiter: staff(Role.Waiter),
        manager: staff(Role.Manager),
        admin: staff(Role.Admin),
        'cook of the grill': stations([restaurant.grill.id]),
        'cook of the bar': stations([restaurant.bar.id]),
        expo: stations(null),
        'guest at the table': {
          kind: 'customer',
          tableId: table.id,
          seating,
          qrTokenHash: 'h',
        },
        'key with events:read': key([Scope.EventsRead]),
        'key with customers:read': key([Scope.EventsRead, Scope.CustomersRead]),
      };
      return viewers[name];
    };
    const received = await Promise.all(sockets.map(heard));
    const expected = sockets.map(({ name }) => ({
      name,
      types: night.filter((event) => visibleTo(event, viewerOf(name))).map((e) => `${e.seq} ${e.type}`),
    }));
    expect(received).toEqual(expected);

    // The rule tells the audiences apart: the grill's cook heard the order, the bar's did not; only the
    // customers:read key and the back office heard the customer.
    const typesOf = (name: string) =>
      received.find((r) => r.name === name)!.types.map((t) => t.split(' ')[1]);
    expect(typesOf('cook of the grill')).toContain(EventType.OrderCreated);
    expect(typesOf('cook of the bar')).not.toContain(EventType.OrderCreated);
    expect(typesOf('key with customers:read')).toContain(EventType.CustomerUpdated);
    expect(typesOf('key with events:read')).not.toContain(EventType.CustomerUpdated);
    expect(typesOf('waiter')).toContain(EventType.WaiterCalled);
    expect(typesOf('admin')).not.toContain(EventType.WaiterCalled);
  });
});

describe('Who hears what at headquarters, over socket.io', () => {
  let hq: TestApp;
  let admin: Session;
  const open = openSockets(() => hq);

  beforeAll(async () => {
    hq = await startTestApp({ POS_ROLE: 'hq' });
    admin = await loginAdmin(hq);
  });

  afterAll(() => hq?.close());

  it('sends a site’s sales and a publication to headquarters’ back office only', async () => {
    const [waiter, manager, cook] = await Promise.all([
      newStaff(hq, Role.Waiter),
      newStaff(hq, Role.Manager),
      newStaff(hq, Role.Kitchen),
    ]);
    const eventsKey = await issueKey(hq, admin, { scopes: [Scope.EventsRead] });
    const staffSockets = [
      { name: 'waiter', socket: await open({ token: waiter.session.accessToken }) },
      { name: 'manager', socket: await open({ token: manager.session.accessToken }) },
      { name: 'admin', socket: await open({ token: admin.accessToken }) },
      { name: 'cook', socket: await open({ token: cook.session.accessToken }) },
    ];
    const since = (await as(hq, admin).get('/api/v1/events?since=0&limit=1').expect(200)).body
      .lastSeq as number;

    // A site's sale, and a publication of the catalog; then the profile changed, which every staff socket hears.
    const site = await handSentSite(hq, admin, 'Zur Linde, Mitte');
    const today = new Date().toISOString().slice(0, 10);
    await site.send({ facts: [saleFact(1, today)] }).expect(200);
    await as(hq, admin).post('/api/v1/hq/publications').send({ note: 'Autumn' }).expect(201);
    const profile = (await as(hq, admin).get('/api/v1/restaurant').expect(200)).body as Record<
      string,
      unknown
    >;
    const { name, address, taxId, timezone, currency, country, locale } = profile;
    await as(hq, admin)
      .put('/api/v1/restaurant')
      .send({ name: `${String(name)} HQ`, address, taxId, timezone, currency, country, locale })
      .expect(200);
    const marker = (event: Envelope) => event.type === String(EventType.RestaurantUpdated);

    const heard = async (socket: TestSocket) =>
      [
        ...new Set((await socket.receivedBefore(marker)).filter((e) => e.seq > since).map((e) => e.type)),
      ].sort();
    const back = [EventType.HqPublicationChanged, EventType.HqSiteSales].map(String);
    expect(
      await Promise.all(staffSockets.map(async ({ name, socket }) => ({ name, types: await heard(socket) }))),
    ).toEqual([
      { name: 'waiter', types: [] },
      { name: 'manager', types: back },
      { name: 'admin', types: back },
      { name: 'cook', types: [] },
    ]);
    // A key hears no restaurant.updated to mark its socket's end: its catch-up, read after every commit above,
    // follows the same rule and holds none of them.
    const feed = await request(hq.url)
      .get(`/api/v1/events?since=${since}`)
      .set('X-API-Key', eventsKey.key)
      .expect(200);
    expect((feed.body as { items: Envelope[] }).items.map((event) => event.type)).toEqual([]);
    expect(
      (await as(hq, manager.session).get(`/api/v1/events?since=${since}`).expect(200)).body.items,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ type: EventType.HqSiteSales })]));
  });
});
