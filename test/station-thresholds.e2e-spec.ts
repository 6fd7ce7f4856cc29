import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { Consumers } from '../src/event-log/consumers/consumers.service';
import { as, loginAdmin, Session } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, unknown>;

describe('Station timer thresholds', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const stations = () => as(t, admin);

  it('defaults to 5 and 8 minutes, and takes others on create and change', async () => {
    const plain = await stations().post('/api/v1/stations').send({ name: 'Grill' }).expect(201);
    expect(plain.body).toEqual({
      id: expect.any(String),
      name: 'Grill',
      warnAfterMinutes: 5,
      lateAfterMinutes: 8,
      hqKey: null,
    });
    const bar = await stations()
      .post('/api/v1/stations')
      .send({ name: 'Bar', warnAfterMinutes: 2, lateAfterMinutes: 4 })
      .expect(201);
    expect(bar.body).toMatchObject({ warnAfterMinutes: 2, lateAfterMinutes: 4 });
    const changed = await stations()
      .patch(`/api/v1/stations/${plain.body.id}`)
      .send({ lateAfterMinutes: 240 })
      .expect(200);
    expect(changed.body).toMatchObject({ name: 'Grill', warnAfterMinutes: 5, lateAfterMinutes: 240 });
    expect((await stations().get(`/api/v1/stations/${plain.body.id}`).expect(200)).body).toEqual(
      changed.body,
    );
    const listed = (await stations().get('/api/v1/stations').expect(200)).body.items;
    expect(listed).toEqual(expect.arrayContaining([changed.body, bar.body]));
  });

  it('refuses thresholds outside 1 to 240 whole minutes, and a warning not before the lateness', async () => {
    const station = (await stations().post('/api/v1/stations').send({ name: 'Oven' }).expect(201)).body;
    const refusal = async (call: request.Test, field: string) => {
      const response = await call;
      expect([response.status, response.body.error?.code]).toEqual([422, 'VALIDATION_ERROR']);
      const fields = response.body.error.details.map((d: { field: string }) => d.field);
      expect([...new Set(fields)]).toEqual([field]);
    };
    const create = (body: Json) =>
      stations()
        .post('/api/v1/stations')
        .send({ name: 'X', ...body });
    const change = (body: Json) => stations().patch(`/api/v1/stations/${station.id}`).send(body);
    await refusal(create({ warnAfterMinutes: 0 }), 'warnAfterMinutes');
    await refusal(create({ lateAfterMinutes: 241 }), 'lateAfterMinutes');
    await refusal(create({ warnAfterMinutes: 2.5 }), 'warnAfterMinutes');
    await refusal(create({ warnAfterMinutes: '5' }), 'warnAfterMinutes');
    await refusal(create({ warnAfterMinutes: 8, lateAfterMinutes: 8 }), 'warnAfterMinutes');
    await refusal(create({ warnAfterMinutes: 9 }), 'warnAfterMinutes');
    await refusal(change({ warnAfterMinutes: null }), 'warnAfterMinutes');
    await refusal(change({ lateAfterMinutes: 5 }), 'lateAfterMinutes');
    await refusal(change({ warnAfterMinutes: 8 }), 'warnAfterMinutes');
    expect((await stations().get(`/api/v1/stations/${station.id}`).expect(200)).body).toEqual(station);
    await change({ warnAfterMinutes: 10, lateAfterMinutes: 20 }).expect(200);
  });

  it('gives the stations and orders of an install that upgrades the defaults: 5 and 8, no rush, no change', async () => {
    const make = factories(t, admin);
    const r = await make.newRestaurant();
    const order = await as(t, admin)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    await upgradeFrom(t, 'KitchenScreens1795004700000');
    expect((await stations().get(`/api/v1/stations/${r.grill.id}`).expect(200)).body).toEqual({
      id: r.grill.id,
      name: r.grill.name,
      warnAfterMinutes: 5,
      lateAfterMinutes: 8,
      hqKey: null,
    });
    const read = await as(t, admin).get(`/api/v1/orders/${order.body.id}`).expect(200);
    expect(read.body).toMatchObject({ id: order.body.id, rush: false, version: order.body.version });
    expect(read.body.items[0]).toMatchObject({ id: order.body.items[0].id, changedAt: null });
  });
});

/** Undoes the migrations back to and including `name`, then runs them again: what upgrading an older install does. */
async function upgradeFrom(t: TestApp, name: string): Promise<void> {
  // The app's consumers write on their own (cursors, jobs): stopped, they leave the upgrade the database alone.
  await t.app.get(Consumers).stop();
  const dataSource = new DataSource(dataSourceOptions(t.config.database, ENTITIES));
  await dataSource.initialize();
  const sqlite = dataSource.options.type !== 'postgres';
  if (sqlite) await dataSource.query('PRAGMA busy_timeout = 10000');
  // SQLite rebuilds a table to drop a column: the tables that refer to it must not follow (dishes to stations).
  if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    for (;;) {
      const [last] = await dataSource.query<Array<{ name: string }>>(
        'SELECT name FROM migrations ORDER BY id DESC LIMIT 1',
      );
      await dataSource.undoLastMigration();
      if (last.name === name) break;
    }
    await dataSource.runMigrations();
  } finally {
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
    await dataSource.destroy();
  }
}
