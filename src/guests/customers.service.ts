import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { OrderView } from '../orders/dto/order.views';
import { OrderChanges } from '../orders/order-changes';
import { ACTIVE_ORDER_STATUSES, assertOrderIn, OrderStatus } from '../orders/order-status';
import { Order } from '../orders/order.entity';
import { OrdersService } from '../orders/orders.service';
import { Customer, CustomerConsent } from './customer.entities';
import { CustomerInput, CustomerListQuery, UpdateCustomerInput } from './dto/customer.inputs';
import { CustomerView, Visits } from './dto/customer.views';
import { GUEST_AUDIENCE } from './loyalty-ledger';
import { LoyaltyActivity, LoyaltyActivityType } from './loyalty.entities';
import { OrderCustomerCopies } from './order-customer-copies';
import { phoneSearchOf, toE164 } from '../common/phone-numbers';
import { readableOrders } from '../common/access/channel-access';
import { assertReaches, mayAttach, reachableOnly } from './customer-reach';

type Profile = Pick<Customer, 'name' | 'phone' | 'email' | 'allergens' | 'notes' | 'marketingConsent'>;

/** Customers: the profile, its search, its consent history, and the orders it is attached to. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly orderChanges: OrderChanges,
    private readonly orders: OrdersService,
    private readonly copies: OrderCustomerCopies,
    private readonly clock: Clock,
  ) {}

  /**
   * Everyone not erased, newest first; `q` matches part of the name in any case, part of the e-mail address, or a
   * phone number written any common way (or some of its digits).
   */
  async list(query: CustomerListQuery, principal: Principal): Promise<Page<CustomerView>> {
    const search = this.database.reader
      .createQueryBuilder(Customer, 'customer')
      .where('customer.erasedAt IS NULL')
      .orderBy('customer.createdAt', 'DESC')
      .addOrderBy('customer.id', 'ASC')
      .skip(query.skip)
      .take(query.perPage);
    reachableOnly(search, principal);
    const q = query.q?.trim();
    if (q) {
      const phone = phoneSearchOf(q, this.config.phoneRegion);
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      search.andWhere(
        new Brackets((any) => {
          any.where("customer.nameKey LIKE :like ESCAPE '\\'", { like });
          any.orWhere("customer.email LIKE :like ESCAPE '\\'", { like });
          if (phone?.e164) any.orWhere('customer.phone = :e164', { e164: phone.e164 });
          if (phone) any.orWhere('customer.phone LIKE :digits', { digits: `%${phone.digits}%` });
        }),
      );
    }
    const [customers, total] = await search.getManyAndCount();
    const visits = await this.visitsOf(
      this.database.reader,
      customers.map((customer) => customer.id),
    );
    return pageOf(
      customers.map((customer) => CustomerView.of(customer, visits(customer.id))),
      total,
      query,
    );
  }

  async get(id: string, principal: Principal): Promise<CustomerView> {
    const reader = this.database.reader;
    const customer = await reader.findOneBy(Customer, { id });
    if (!customer) throw DomainError.notFound('Customer');
    await assertReaches(reader, principal, id);
    return CustomerView.of(customer, (await this.visitsOf(reader, [id]))(id));
  }

  async create(actor: Principal, input: CustomerInput): Promise<CustomerView> {
    const profile = this.profileOf(input, {
      name: input.name,
      phone: null,
      email: null,
      allergens: [],
      notes: null,
      marketingConsent: false,
    });
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const customer = Object.assign(new Customer(), {
        id: randomUUID(),
        ...profile,
        nameKey: profile.name!.toLowerCase(),
        marketingConsentAt: input.marketingConsent === undefined ? null : now,
        erasedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, Customer, customer);
      if (input.marketingConsent !== undefined) await this.recordConsent(tx, actor, customer);
      await this.auditLog.record(tx, actor, {
        action: 'customer.created',
        entityType: 'customer',
        entityId: customer.id,
        after: auditShape(customer, Object.keys(input)),
      });
      return this.announce(tx, customer);
    });
  }

  /** Changes the profile; a consent answer is recorded with its time, and the customer's orders follow. */
  async update(actor: Principal, id: string, input: UpdateCustomerInput): Promise<CustomerView> {
    return this.database.transaction(async (tx) => {
      const customer = await this.lockLiving(tx, id);
      await assertReaches(tx.manager, actor, id);
      const before = { ...customer };
      const profile = this.profileOf(input, customer);
      const now = this.clock.now();
      Object.assign(customer, profile, { nameKey: profile.name!.toLowerCase(), updatedAt: now });
      const consentAnswered =
        input.marketingConsent !== undefined && input.marketingConsent !== before.marketingConsent;
      if (consentAnswered) {
        customer.marketingConsentAt = now;
        await this.recordConsent(tx, actor, customer);
      }
      await tx.manager.save(customer);
      const changed = (Object.keys(profile) as Array<keyof Profile>).filter(
        (field) => JSON.stringify(before[field]) !== JSON.stringify(customer[field]),
      );
      await this.auditLog.record(tx, actor, {
        action: 'customer.updated',
        entityType: 'customer',
        entityId: id,
        before: auditShape(before, changed),
        after: auditShape(customer, changed),
      });
      if (changed.includes('name') || changed.includes('allergens')) await this.copies.follow(tx, customer);
      return this.announce(tx, customer);
    });
  }

  /**
   * Attaches a customer to an order (null detaches): the order carries their name and allergens, and earns them
   * points when it closes. Only while the order is live; not once a reward was taken on it for someone else.
   */
  async attach(
    actor: Principal,
    orderId: string,
    ifMatch: number | undefined,
    customerId: string | null,
  ): Promise<OrderView> {
    return this.database.transaction(async (tx) => {
      // The customer's row first, then the order: the order a change of the customer takes them in.
      const customer = customerId
        ? await tx.manager.findOne(Customer, {
            where: { id: customerId },
            ...this.database.lockFor(tx, LockKind.Customer),
          })
        : null;
      const reached = customerId ? await mayAttach(tx.manager, actor, customerId) : true;
      if (customerId && (!customer || customer.erasedAt || !reached)) {
        throw DomainError.invalidField('customerId', 'no such customer');
      }
      return this.orderChanges.changeBy(actor, orderId, ifMatch, async ({ tx: orderTx, order, emit }) => {
        assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'attach a customer to');
        const previous = order.customerId;
        const spent = await orderTx.manager.existsBy(LoyaltyActivity, {
          orderId,
          type: LoyaltyActivityType.Spend,
        });
        if (spent && previous !== (customer?.id ?? null)) {
          throw new DomainError(
            ErrorCode.Conflict,
            'A reward was taken on this order with its customer’s points: the customer stays',
          );
        }
        OrderCustomerCopies.attach(order, customer);
        await this.auditLog.record(orderTx, actor, {
          action: customer ? 'order.customer_attached' : 'order.customer_detached',
          entityType: 'order',
          entityId: orderId,
          before: { customerId: previous },
          after: { customerId: order.customerId },
        });
        emit(EventType.OrderUpdated, 'work');
      });
    });
  }

  /** The orders attached to a customer that the caller reads, newest first. */
  async ordersOf(id: string, query: PageQuery, principal: Principal): Promise<Page<OrderView>> {
    const reader = this.database.reader;
    if (!(await reader.existsBy(Customer, { id }))) throw DomainError.notFound('Customer');
    await assertReaches(reader, principal, id);
    const [orders, total] = await reader.findAndCount(Order, {
      where: { customerId: id, ...readableOrders(principal) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await this.orders.views(reader, orders), total, query);
  }

  /** 404 unless the caller reaches the customer (customer-reach.ts). */
  assertReaches(principal: Principal, id: string): Promise<void> {
    return assertReaches(this.database.reader, principal, id);
  }

  /** The customer's row, locked for the rest of `tx`; 404 when missing or erased. */
  async lockLiving(tx: Tx, id: string): Promise<Customer> {
    const customer = await tx.manager.findOne(Customer, {
      where: { id },
      ...this.database.lockFor(tx, LockKind.Customer),
    });
    if (!customer || customer.erasedAt) throw DomainError.notFound('Customer');
    return customer;
  }

  /** Appends customer.updated with the customer as GET /customers/{id} answers; answers that view. */
  async announce(tx: Tx, customer: Customer): Promise<CustomerView> {
    const view = CustomerView.of(customer, (await this.visitsOf(tx.manager, [customer.id]))(customer.id));
    this.eventLog.append(tx, {
      type: EventType.CustomerUpdated,
      data: { ...view },
      audience: GUEST_AUDIENCE,
    });
    return view;
  }

  /** Visits (closed orders) and the last of them for some customers, in one statement. */
  async visitsOf(manager: EntityManager, ids: string[]): Promise<(id: string) => Visits> {
    const rows: Array<{ customerId: string; visits: string | number; last: Date | string | null }> =
      ids.length
        ? await manager
            .createQueryBuilder(Order, 'o')
            .select('o.customerId', 'customerId')
            .addSelect('COUNT(*)', 'visits')
            .addSelect('MAX(o.closedAt)', 'last')
            .where({ customerId: In(ids), status: OrderStatus.Closed })
            .groupBy('o.customerId')
            .getRawMany()
        : [];
    const byId = new Map(
      rows.map((row) => [row.customerId, { visits: Number(row.visits), lastVisitAt: instantOf(row.last) }]),
    );
    return (id) => byId.get(id) ?? { visits: 0, lastVisitAt: null };
  }

  /** The profile after `input` over `current`: the phone as E.164 (422 naming `phone` when it is not one). */
  private profileOf(input: UpdateCustomerInput, current: Profile): Profile {
    let phone = current.phone;
    if (input.phone === null || input.phone?.trim() === '') phone = null;
    else if (input.phone !== undefined) {
      phone = toE164(input.phone, this.config.phoneRegion);
      if (!phone) throw DomainError.invalidField('phone', 'must be a phone number');
    }
    return {
      name: input.name ?? current.name,
      phone,
      email: input.email === undefined ? current.email : (input.email?.toLowerCase() ?? null),
      allergens: input.allergens ? [...new Set(input.allergens)].sort() : current.allergens,
      notes: input.notes === undefined ? current.notes : input.notes,
      marketingConsent: input.marketingConsent ?? current.marketingConsent,
    };
  }

  /** Adds the customer's current answer (`marketingConsent`, `marketingConsentAt`) to their consent history. */
  async recordConsent(tx: Tx, actor: Principal, customer: Customer): Promise<void> {
    const consent = Object.assign(new CustomerConsent(), {
      id: randomUUID(),
      customerId: customer.id,
      granted: customer.marketingConsent,
      recordedBy: actorOf(actor),
      recordedAt: customer.marketingConsentAt!,
    });
    await this.database.insertRows(tx, CustomerConsent, consent);
  }
}

/**
 * What the audit log keeps of a customer change: which fields changed and the consent answer, never the personal
 * values themselves (an erasure could not reach them there).
 */
function auditShape(customer: Profile, fields: string[]): object {
  return { fields: [...fields].sort(), marketingConsent: customer.marketingConsent };
}

/** PostgreSQL answers a Date; SQLite the UTC text TypeORM writes (`2026-11-23 17:03:11.123`). */
function instantOf(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
