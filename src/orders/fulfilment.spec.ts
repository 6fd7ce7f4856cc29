import { OrderType } from '../common/order-type';
import { FulfilmentStatus as S, fulfilmentTransitionAllowed } from './fulfilment';

describe('the fulfilment machine', () => {
  const all = Object.values(S);
  const allowedFrom = (type: OrderType) =>
    all.flatMap((from) =>
      all.filter((to) => fulfilmentTransitionAllowed(type, from, to)).map((to) => `${from}→${to}`),
    );

  it('takes a takeaway order from received to picked up', () => {
    expect(allowedFrom(OrderType.Takeaway)).toEqual([
      'received→accepted',
      'received→rejected',
      'accepted→ready',
      'ready→picked_up',
    ]);
  });

  it('takes a delivery order out with a courier, then delivered', () => {
    expect(allowedFrom(OrderType.Delivery)).toEqual([
      'received→accepted',
      'received→rejected',
      'accepted→ready',
      'ready→out_for_delivery',
      'out_for_delivery→delivered',
    ]);
  });

  it('has nothing for dine-in', () => {
    expect(allowedFrom(OrderType.DineIn)).toEqual([]);
  });
});
