import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import type { Audience } from '../event-log/audience';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import type { Viewer } from './viewer';
import { visibleTo } from './visibility';

const event = (audience: Audience): EventRecord => ({
  seq: 7,
  type: EventType.OrderCreated,
  occurredAt: new Date('2026-11-22T18:00:00.000Z'),
  data: { id: 'order-1' },
  audience,
});

const staff = (role: Role, stationIds: string[] | null = null): Viewer => ({
  kind: 'staff',
  principal: { kind: 'staff', userId: 'u', username: 'u', role, sessionId: 's' },
  stationIds,
});

describe('visibleTo', () => {
  it('shows staff the events addressed to their role, as the API.md envelope', () => {
    const ordersAudience = event({
      roles: [Role.Waiter, Role.Manager, Role.Admin, Role.Kitchen],
      stationIds: ['grill'],
    });
    expect(visibleTo(ordersAudience, staff(Role.Waiter))).toEqual({
      seq: 7,
      type: 'order.created',
      occurredAt: '2026-11-22T18:00:00.000Z',
      data: { id: 'order-1' },
    });
    expect(visibleTo(event({ roles: [Role.Waiter, Role.Manager] }), staff(Role.Kitchen))).toBeNull();
  });

  it('filters a kitchen screen by its stations only when both sides name stations', () => {
    const grill = event({ roles: [Role.Kitchen], stationIds: ['grill', 'bar'] });
    expect(visibleTo(grill, staff(Role.Kitchen, ['bar']))).not.toBeNull();
    expect(visibleTo(grill, staff(Role.Kitchen, ['cold']))).toBeNull();
    expect(visibleTo(grill, staff(Role.Kitchen, null))).not.toBeNull();
    expect(visibleTo(event({ roles: [Role.Kitchen] }), staff(Role.Kitchen, ['cold']))).not.toBeNull();
    expect(visibleTo(grill, staff(Role.Kitchen, []))).toBeNull();
  });

  it('shows the kitchen held items as tickets do, and shares the envelope when nothing is left out', () => {
    const order = (items: Array<{ id: string; status: string; stationId: string }>): EventRecord => ({
      ...event({ roles: [Role.Kitchen, Role.Waiter], stationIds: ['grill', 'bar'] }),
      data: { id: 'order-1', items },
    });
    const withHeld = order([
      { id: 'beer', status: 'new', stationId: 'bar' },
      { id: 'steak', status: 'held', stationId: 'grill' },
      { id: 'fries', status: 'new', stationId: 'grill' },
    ]);
    const ids = (viewer: Viewer) =>
      (visibleTo(withHeld, viewer)!.data.items as Array<{ id: string }>).map((item) => item.id);
    expect(ids(staff(Role.Kitchen))).toEqual(['beer', 'steak', 'fries']);
    expect(ids(staff(Role.Kitchen, ['grill']))).toEqual(['steak', 'fries']);
    expect(ids(staff(Role.Waiter))).toEqual(['beer', 'steak', 'fries']);
    expect(visibleTo(withHeld, staff(Role.Kitchen))).toBe(visibleTo(withHeld, staff(Role.Waiter)));
    expect(visibleTo(withHeld, staff(Role.Kitchen, ['grill', 'bar']))).toBe(
      visibleTo(withHeld, staff(Role.Waiter)),
    );
  });

  it('ignores a station filter for roles other than kitchen', () => {
    const grill = event({ roles: [Role.Manager], stationIds: ['grill'] });
    expect(visibleTo(grill, staff(Role.Manager, ['cold']))).not.toBeNull();
  });

  it('shows customers what is for all customers or for their table and seating only', () => {
    const me: Viewer = { kind: 'customer', tableId: 't1', seating: 3, qrTokenHash: 'h' };
    expect(visibleTo(event({ roles: [], customers: 'all' }), me)).not.toBeNull();
    expect(visibleTo(event({ roles: [], customers: { tableId: 't1', seating: 3 } }), me)).not.toBeNull();
    expect(visibleTo(event({ roles: [], customers: { tableId: 't1', seating: 2 } }), me)).toBeNull();
    expect(visibleTo(event({ roles: [], customers: { tableId: 't1', seating: 4 } }), me)).toBeNull();
    expect(visibleTo(event({ roles: [], customers: { tableId: 't2', seating: 3 } }), me)).toBeNull();
    expect(visibleTo(event({ roles: [Role.Waiter] }), me)).toBeNull();
  });

  it('shows nobody an internal event', () => {
    const internal = event({ roles: [] });
    for (const role of Object.values(Role)) expect(visibleTo(internal, staff(role))).toBeNull();
    expect(visibleTo(internal, { kind: 'customer', tableId: 't1', seating: 1, qrTokenHash: 'h' })).toBeNull();
  });
});

describe('visibleTo for an integration', () => {
  const integration: Viewer = {
    kind: 'integration',
    principal: { kind: 'apiKey', keyId: 'k', name: 'aggregator', scopes: [] },
  };

  it('shows an API key only the events addressed to integrations', () => {
    expect(visibleTo(event({ roles: [Role.Waiter], integrations: true }), integration)).not.toBeNull();
    expect(visibleTo(event({ roles: [Role.Waiter, Role.Manager, Role.Admin] }), integration)).toBeNull();
    expect(visibleTo(event({ roles: [], customers: 'all' }), integration)).toBeNull();
  });

  it('shows guests’ personal data only to keys that hold the scope it names', () => {
    const guests = event({
      roles: [Role.Manager],
      integrations: true,
      integrationScope: Scope.CustomersRead,
    });
    expect(visibleTo(guests, integration)).toBeNull();
    const reader: Viewer = {
      kind: 'integration',
      principal: { kind: 'apiKey', keyId: 'k', name: 'loyalty', scopes: [Scope.CustomersRead] },
    };
    expect(visibleTo(guests, reader)).not.toBeNull();
  });
});
