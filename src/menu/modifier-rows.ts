import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import type { Database } from '../database/database.service';
import { sameName } from './dish-rows';
import { CreateModifierOptionInput } from './dto/modifier-groups.inputs';
import { Dish, DishModifierGroup, ModifierGroup, ModifierOption } from './menu.entities';
import { bySortOrderThenName } from './menu-order';
import type { OfferedGroup } from './modifier-choices';

/** A modifier group, or 404; `lock` is the database's `forUpdate` in a read-modify-write. */
export async function findGroup(
  manager: EntityManager,
  id: string,
  lock: Database['forUpdate'] = {},
): Promise<ModifierGroup> {
  const group = await manager.findOne(ModifierGroup, { where: { id }, ...lock });
  if (!group) throw DomainError.notFound('Modifier group');
  return group;
}

/** The option among the group's, or 404. */
export function findOption(options: ModifierOption[], optionId: string): ModifierOption {
  const option = options.find((candidate) => candidate.id === optionId);
  if (!option) throw DomainError.notFound('Modifier option');
  return option;
}

/** Groups with their options in menu order (sortOrder then name), keeping the groups' order. */
export async function loadOfferedGroups(
  manager: EntityManager,
  groups: ModifierGroup[],
): Promise<OfferedGroup[]> {
  if (groups.length === 0) return [];
  const options = await manager.find(ModifierOption, {
    where: { groupId: In(groups.map((group) => group.id)) },
  });
  return groups.map((group) => ({
    group,
    options: options.filter((option) => option.groupId === group.id).sort(bySortOrderThenName),
  }));
}

export async function loadOfferedGroup(manager: EntityManager, group: ModifierGroup): Promise<OfferedGroup> {
  const [offered] = await loadOfferedGroups(manager, [group]);
  return offered;
}

export function newOption(
  manager: EntityManager,
  groupId: string,
  input: CreateModifierOptionInput,
  now: Date,
): ModifierOption {
  return manager.create(ModifierOption, {
    id: randomUUID(),
    groupId,
    name: input.name,
    priceDelta: input.priceDelta ?? 0,
    available: true,
    shortOf: null,
    sortOrder: input.sortOrder ?? 0,
    createdAt: now,
    updatedAt: now,
  });
}

/** 409 when the group already has an option of that name, whatever its case. */
export function assertOptionNameFree(options: ModifierOption[], name: string): void {
  if (options.some((option) => sameName(option.name, name))) {
    throw new DomainError(ErrorCode.Conflict, `The group already has an option named "${name}"`);
  }
}

/** 422 when the group would ask for more choices than it allows. */
export function assertChoiceRange(minChoices: number, maxChoices: number): void {
  if (minChoices > maxChoices) {
    throw DomainError.invalidField('minChoices', `must not exceed maxChoices (${maxChoices})`);
  }
}

/** 409 while live dishes offer the group: their guests would lose a choice without the menu saying so. */
export async function assertNoLiveDishOffers(manager: EntityManager, groupId: string): Promise<void> {
  const used = await manager
    .createQueryBuilder(DishModifierGroup, 'offer')
    .innerJoin(Dish, 'dish', 'dish.id = offer.dishId')
    .where('offer.groupId = :groupId', { groupId })
    .andWhere('dish.deletedAt IS NULL')
    .getCount();
  if (used > 0) {
    throw new DomainError(
      ErrorCode.Conflict,
      `The modifier group is offered by ${used} dish(es); take it off them first`,
    );
  }
}
