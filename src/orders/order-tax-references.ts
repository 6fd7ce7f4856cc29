import { Injectable, OnModuleInit } from '@nestjs/common';
import { TaxRateReferences } from '../taxes/tax-rate-references';
import { OrderItem } from './order-item.entity';
import { OrderStatus } from './order-status';

/**
 * An open order's items carry the rates they were ordered with: such a rate cannot be deleted until the order is
 * closed or cancelled. Deactivating it is fine: the items keep their copy.
 */
@Injectable()
export class OrderTaxReferences implements OnModuleInit {
  constructor(private readonly references: TaxRateReferences) {}

  onModuleInit(): void {
    this.references.register(
      async (tx, taxRateId) => {
        const carried = await tx.manager
          .createQueryBuilder(OrderItem, 'i')
          .innerJoin('i.order', 'o')
          .where('o.status NOT IN (:...done)', { done: [OrderStatus.Closed, OrderStatus.Cancelled] })
          // taxes is JSON text `[{taxRateId, name, percent}]`: the quoted id matches only that rate.
          .andWhere('i.taxes LIKE :pattern', { pattern: `%"taxRateId":"${taxRateId}"%` })
          .getExists();
        return carried ? "open orders' items carry it" : null;
      },
      { blocksDeactivation: false },
    );
  }
}
