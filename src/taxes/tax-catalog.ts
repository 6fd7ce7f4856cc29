import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { Snapshot } from '../event-log/snapshot';
import type { ItemTaxRate } from './item-tax-rate';
import { percentOf, TaxMapping, TaxRate } from './tax.entities';

/** The rates and mappings as ordering applies them: built from the database, then read from memory. */
export class TaxRules {
  private readonly rates: Map<string, ItemTaxRate>;
  private readonly defaults: readonly string[];
  /** `${orderType} ${fromTaxRateId}` → the rate that replaces it, or null for exempt. */
  private readonly mapped: Map<string, string | null>;

  constructor(rates: TaxRate[], mappings: TaxMapping[]) {
    this.rates = new Map(
      rates.map((rate) => [rate.id, { taxRateId: rate.id, name: rate.name, percent: percentOf(rate) }]),
    );
    this.defaults = rates
      .filter((rate) => rate.isDefault && rate.active)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((rate) => rate.id);
    this.mapped = new Map(
      mappings.flatMap((mapping) =>
        mapping.orderTypes.map((type) => [`${type} ${mapping.fromTaxRateId}`, mapping.toTaxRateId] as const),
      ),
    );
  }

  knows(taxRateIds: Iterable<string>): boolean {
    for (const id of taxRateIds) if (!this.rates.has(id)) return false;
    return true;
  }

  /**
   * The rates an item copies: those its dish names (its category's when it names none, the default rates when
   * neither does), each replaced as the order type's mappings say (or dropped: exempt), each once.
   */
  itemTaxes(taxRateIds: readonly string[], orderType: string): ItemTaxRate[] {
    const named = taxRateIds.length > 0 ? taxRateIds : this.defaults;
    const applied = new Map<string, ItemTaxRate>();
    for (const id of named) {
      const key = `${orderType} ${id}`;
      const appliedId = this.mapped.has(key) ? this.mapped.get(key)! : id;
      const rate = appliedId === null ? undefined : this.rates.get(appliedId);
      if (rate) applied.set(rate.taxRateId, rate);
    }
    return [...applied.values()];
  }
}

/**
 * The tax rules kept in memory, so that an order line's rates cost no statement. Dropped when `taxes.changed`
 * passes through the event feed (every instance tails the log); the next reader builds them again.
 */
@Injectable()
export class TaxCatalog implements OnModuleInit {
  private readonly rules = new Snapshot(() => this.build());

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
  ) {}

  onModuleInit(): void {
    this.rules.dropOn(this.feed, [EventType.TaxesChanged]);
  }

  /**
   * The rules, knowing every rate of `taxRateIds` (what the menu in memory names): when one is missing the menu
   * was built after a rate this copy predates, so it is built again once.
   */
  async current(taxRateIds: Iterable<string> = []): Promise<TaxRules> {
    const rules = await this.rules.current();
    if (rules.knows(taxRateIds)) return rules;
    this.rules.drop();
    return this.rules.current();
  }

  private async build(): Promise<TaxRules> {
    const manager = this.database.reader;
    const [rates, mappings] = await Promise.all([manager.find(TaxRate), manager.find(TaxMapping)]);
    return new TaxRules(rates, mappings);
  }
}
