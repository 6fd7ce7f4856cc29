import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { startTestApp, TestApp } from './test-app';

export interface IssuedCard {
  id: string;
  code: string;
  last4: string;
  balance: number;
  status: string;
  expiresAt: string | null;
}

export interface Activity {
  id: string;
  type: string;
  amount: number;
  balanceAfter: number;
  orderId: string | null;
  paymentId: string | null;
  saleMethodId: string | null;
  by: string;
  at: string;
}

/** An app with a restaurant, a manager, a waiter, and the cash, card and (new) gift-card payment methods. */
export async function giftCardsFixture() {
  const t: TestApp = await startTestApp();
  const admin: Session = await loginAdmin(t);
  const r: Restaurant = await factories(t, admin).newRestaurant();
  const manager: NewStaff = await newStaff(t, Role.Manager);
  const waiter: NewStaff = await newStaff(t, Role.Waiter);
  const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
    id: string;
    kind: string;
  }>;
  const giftCard = (
    await as(t, admin)
      .post('/api/v1/payment-methods')
      .send({ name: 'Gift card', kind: 'gift_card' })
      .expect(201)
  ).body as { id: string };
  const method = {
    cash: methods.find((m) => m.kind === 'cash')!.id,
    card: methods.find((m) => m.kind === 'card')!.id,
    giftCard: giftCard.id,
  };

  const issue = async (body: object, session: Session = manager.session): Promise<IssuedCard> => {
    const response = await as(t, session).post('/api/v1/gift-cards').send(body);
    if (response.status !== 201)
      throw new Error(`issue: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as IssuedCard;
  };

  /** A takeaway order of `fries` portions (450 each). */
  const newOrder = async (fries = 10): Promise<{ id: string; total: number; due: number }> => {
    const response = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: fries }] });
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; total: number; due: number };
  };

  const payWithCard = (orderId: string, code: string | undefined, amount: number, tip?: number) =>
    as(t, waiter.session)
      .post(`/api/v1/orders/${orderId}/payments`)
      .send({ methodId: method.giftCard, amount, giftCardCode: code, tip });

  const card = async (id: string) =>
    (await as(t, manager.session).get(`/api/v1/gift-cards/${id}`).expect(200)).body as IssuedCard;

  const activities = async (id: string): Promise<Activity[]> => {
    const all: Activity[] = [];
    for (let page = 1; ; page++) {
      const body = (
        await as(t, manager.session)
          .get(`/api/v1/gift-cards/${id}/activities`)
          .query({ page, perPage: 100 })
          .expect(200)
      ).body as { items: Activity[]; pages: number };
      all.push(...body.items);
      if (page >= body.pages) return all;
    }
  };

  return { t, admin, r, manager, waiter, method, issue, newOrder, payWithCard, card, activities };
}

/** The same code with one digit changed: still 20 digits, but its check digit no longer matches. */
export function withTypo(code: string): string {
  const digits = code.replace(/ /g, '');
  const wrong = String((Number(digits[5]) + 1) % 10);
  return digits.slice(0, 5) + wrong + digits.slice(6);
}
