import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { HqCatalogDish, HqCatalogModifierGroup } from '../../menu/hq-catalog/hq-catalog-document';
import { HqCatalogItem, HqCatalogKind } from './hq-catalog.entities';

/** 422 naming `field` when the catalog holds no entry of this kind and key. */
export async function mustHold(
  manager: EntityManager,
  kind: HqCatalogKind,
  hqKey: string,
  field: string,
): Promise<void> {
  if (!(await manager.exists(HqCatalogItem, { where: { kind, hqKey } }))) {
    throw DomainError.invalidField(field, `is no ${kind} of the catalog`);
  }
}

/** Every modifier option's hqKey, with its group's. */
export async function optionOwners(manager: EntityManager): Promise<Map<string, string>> {
  const groups = await manager.find(HqCatalogItem, { where: { kind: 'modifierGroup' } });
  return new Map(
    groups.flatMap((row) =>
      (row.entry as HqCatalogModifierGroup).options.map((option) => [option.hqKey, row.hqKey] as const),
    ),
  );
}

/** Every variation's hqKey, with its dish's. */
export async function variationOwners(manager: EntityManager): Promise<Map<string, string>> {
  const dishes = await manager.find(HqCatalogItem, { where: { kind: 'dish' } });
  return new Map(
    dishes.flatMap((row) =>
      (row.entry as HqCatalogDish).variations.map((variation) => [variation.hqKey, row.hqKey] as const),
    ),
  );
}
