import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { Order } from '../orders/order.entity';
import { Customer, CustomerConsent } from './customer.entities';
import { CustomersService } from './customers.service';
import { CustomerExportView } from './dto/customer-export.view';
import { ConsentView, CustomerView } from './dto/customer.views';
import { LoyaltyActivityView } from './dto/loyalty.dto';
import { LoyaltyActivity } from './loyalty.entities';
import { CUSTOMER_ERASED } from '../event-log/customer-erased';
import { EventLog } from '../event-log/event-log.service';
import { OrderCustomerCopies } from './order-customer-copies';

/** A person's rights over what is held about them: a full export, and erasure. Both audited. */
@Injectable()
export class CustomerPrivacy {
  constructor(
    private readonly database: Database,
    private readonly customers: CustomersService,
    private readonly copies: OrderCustomerCopies,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The profile, the consent history, their orders' ids, dates and totals, and the points ledger. */
  async export(actor: Principal, id: string): Promise<CustomerExportView> {
    return this.database.transaction(async (tx) => {
      const manager = tx.manager;
      const customer = await manager.findOneBy(Customer, { id });
      if (!customer) throw DomainError.notFound('Customer');
      const consents = await manager.find(CustomerConsent, {
        where: { customerId: id },
        order: { recordedAt: 'ASC', id: 'ASC' },
      });
      const orders = await manager.find(Order, {
        where: { customerId: id },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const activities = await manager.find(LoyaltyActivity, {
        where: { customerId: id },
        order: { position: 'ASC' },
      });
      const visits = await this.customers.visitsOf(manager, [id]);
      await this.auditLog.record(tx, actor, {
        action: 'customer.exported',
        entityType: 'customer',
        entityId: id,
      });
      return {
        exportedAt: this.clock.now().toISOString(),
        customer: CustomerView.of(customer, visits(id)),
        consents: consents.map(ConsentView.of),
        orders: orders.map((order) => ({
          id: order.id,
          number: order.number,
          businessDay: order.businessDay,
          status: order.status,
          total: order.total,
          paid: order.paid,
          createdAt: order.createdAt.toISOString(),
          closedAt: order.closedAt?.toISOString() ?? null,
        })),
        loyalty: {
          points: activities.at(-1)?.balanceAfter ?? 0,
          activities: activities.map(LoyaltyActivityView.of),
        },
      };
    });
  }

  /**
   * Erases the person: name, phone, e-mail, notes and allergens go, here and on every order's copy (their
   * fulfilment's contact too); the id stays, anonymous, with its orders, payments and points, so money and reports
   * do not change. No search finds it again, and no stored event, webhook delivery, idempotent reply, audit entry
   * or kitchen ticket shows it any more: the `customer.erased` fact has their keepers rewrite them.
   */
  async erase(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const customer = await this.customers.lockLiving(tx, id);
      const now = this.clock.now();
      const consentWithdrawn = customer.marketingConsent;
      Object.assign(customer, {
        name: null,
        nameKey: null,
        phone: null,
        email: null,
        notes: null,
        allergens: [],
        // Nobody is left to contact: no consent stands.
        marketingConsent: false,
        erasedAt: now,
        updatedAt: now,
      });
      if (consentWithdrawn) {
        customer.marketingConsentAt = now;
        await this.customers.recordConsent(tx, actor, customer);
      }
      await tx.manager.save(customer);
      const orderIds = await this.copies.follow(tx, customer);
      await this.auditLog.record(tx, actor, {
        action: 'customer.erased',
        entityType: 'customer',
        entityId: id,
        after: { erasedAt: now.toISOString(), orders: orderIds.length },
      });
      await this.customers.announce(tx, customer);
      // Every module that keeps copies of the person rewrites its own, in this transaction (customer-erased.ts).
      this.eventLog.raise(tx, CUSTOMER_ERASED, { customerId: id, orderIds });
    });
  }
}
