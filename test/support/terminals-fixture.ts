import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/access/role';
import { Database } from '../../src/database/database.service';
import { as, loginAdmin, newStaff, NewStaff, Server, Session } from './clients';
import { factories, Restaurant } from './factories';
import type { Envelope, TestSocket } from './sockets';
import type { TestApp } from './test-app';

export interface Attempt {
  id: string;
  orderId: string;
  terminalId: string;
  amount: number;
  tip: number;
  status: string;
  failure: string | null;
  paymentId: string | null;
  card: { brand: string; last4: string; entryMode: string; authCode: string | null; emv: object } | null;
  cancelRequested: boolean;
}

const RUNNING = ['pending', 'in_progress', 'unknown'];

/** A restaurant with a waiter, a manager and card terminals, and the calls a terminal spec makes. */
export async function terminalsFixture(app: () => Server) {
  const t = () => app();
  const admin: Session = await loginAdmin(t());
  const r: Restaurant = await factories(t(), admin).newRestaurant();
  const waiter: NewStaff = await newStaff(t(), Role.Waiter);
  const manager: NewStaff = await newStaff(t(), Role.Manager);

  const newTerminal = async (body: Record<string, unknown>): Promise<{ id: string }> => {
    const response = await as(t(), admin).post('/api/v1/terminals').send(body);
    if (response.status !== 201)
      throw new Error(`terminal: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };

  /** A dine-in order of `fries` × quantity (450 each): 4500 due by default. */
  const newOrder = async (quantity = 10): Promise<{ id: string; due: number; version: number }> => {
    const response = await as(t(), waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.fries.id, quantity }] });
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; due: number; version: number };
  };

  /** Adds a line of fries: what any change of a held order meets (409 TERMINAL_PAYMENT_RUNNING). */
  const addFries = (orderId: string) =>
    as(t(), waiter.session)
      .post(`/api/v1/orders/${orderId}/items`)
      .send({ items: [{ dishId: r.fries.id, quantity: 1 }] });

  const order = async (id: string) =>
    (await as(t(), waiter.session).get(`/api/v1/orders/${id}`).expect(200)).body as Record<string, unknown>;

  const start = (orderId: string, body: Record<string, unknown>, session: Session = waiter.session) =>
    as(t(), session)
      .post(`/api/v1/orders/${orderId}/terminal-payments`)
      .set('Idempotency-Key', randomUUID())
      .send(body);

  const get = async (id: string): Promise<Attempt> =>
    (await as(t(), waiter.session).get(`/api/v1/terminal-payments/${id}`).expect(200)).body as Attempt;

  const cancel = (id: string) =>
    as(t(), waiter.session).post(`/api/v1/terminal-payments/${id}/cancel`).send({});

  /** Starts an attempt and waits until it has been sent to its terminal (it left `pending`): its id. */
  const sent = async (orderId: string, body: Record<string, unknown>): Promise<string> => {
    const started = await start(orderId, body);
    if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    const id = started.body.id as string;
    for (let i = 0; i < 250 && (await get(id)).status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return id;
  };

  /** GETs the attempt until it has ended (GET asks the provider), within `timeoutMs` of real time. */
  const ended = async (id: string, timeoutMs = 5000): Promise<Attempt> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const attempt = await get(id);
      if (!RUNNING.includes(attempt.status)) return attempt;
      if (Date.now() > until) throw new Error(`attempt ${id} still ${attempt.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    admin,
    r,
    waiter,
    manager,
    newTerminal,
    newOrder,
    addFries,
    order,
    start,
    sent,
    get,
    cancel,
    ended,
  };
}

/** The statuses of one attempt's terminal_payment.updated events, in the order the socket received them. */
export function statusesOf(socket: TestSocket, attemptId: string): string[] {
  return socket.received
    .filter((event) => event.type === 'terminal_payment.updated' && event.data.id === attemptId)
    .map((event) => event.data.status as string);
}

/** The order.paid events of one order that a socket received. */
export function paidEventsOf(socket: TestSocket, orderId: string): Envelope[] {
  return socket.received.filter((event) => event.type === 'order.paid' && event.data.id === orderId);
}

/**
 * An attempt's status as committed. Not through the test's own connection: on SQLite that is the writer's,
 * which sees the writes of a group that has not committed yet (and a GET right after would not).
 */
export async function committedStatusOf(t: TestApp, id: string): Promise<string> {
  const rows = await t.app
    .get(Database)
    .read<{ status: string }>('SELECT status FROM terminal_payments WHERE id = $1', [id]);
  return rows[0].status;
}
