import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/database.service';
import { TaxRateReferences } from '../taxes/tax-rate-references';
import { Category, Dish } from './menu.entities';

/** Dishes and categories name tax rates: such a rate can be neither deleted nor deactivated. */
@Injectable()
export class MenuTaxReferences implements OnModuleInit {
  constructor(private readonly references: TaxRateReferences) {}

  onModuleInit(): void {
    this.references.register(
      async (tx, taxRateId) =>
        (await naming(tx, Dish, taxRateId).andWhere('row.deleted_at IS NULL').getExists())
          ? 'dishes name it'
          : null,
      { blocksDeactivation: true },
    );
    this.references.register(
      async (tx, taxRateId) =>
        (await naming(tx, Category, taxRateId).getExists()) ? 'categories name it' : null,
      { blocksDeactivation: true },
    );
  }
}

/** Rows whose taxRateIds (JSON text of ids) hold the id: quoted, it matches only that id. */
function naming(tx: Tx, entity: typeof Dish | typeof Category, taxRateId: string) {
  return tx.manager
    .createQueryBuilder(entity, 'row')
    .where('row.tax_rate_ids LIKE :pattern', { pattern: `%"${taxRateId}"%` });
}
