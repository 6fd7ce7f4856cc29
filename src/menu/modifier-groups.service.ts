import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import {
  CreateModifierGroupInput,
  CreateModifierOptionInput,
  MAX_OPTIONS_PER_GROUP,
  UpdateModifierGroupInput,
  UpdateModifierOptionInput,
} from './dto/modifier-groups.inputs';
import { ModifierGroupView, ModifierOptionView } from './dto/modifier-groups.views';
import { ModifierGroup, ModifierOption } from './menu.entities';
import { assertDistinctNames } from './dish-rows';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';
import {
  assertChoiceRange,
  assertNoLiveDishOffers,
  assertOptionNameFree,
  findGroup,
  findOption,
  loadOfferedGroup,
  loadOfferedGroups,
  newOption,
} from './modifier-rows';

/** What headquarters' catalog owns of a group or option that came from it: the site keeps an option's 86. */
const HQ_OWNED_GROUP_FIELDS = ['name', 'minChoices', 'maxChoices'] as const;
const HQ_OWNED_OPTION_FIELDS = ['name', 'priceDelta', 'sortOrder'] as const;

/** An option in the audit log: its client view plus the group it belongs to. */
const auditedOption = (option: ModifierOption) => ({
  groupId: option.groupId,
  ...ModifierOptionView.of(option),
});

/** Modifier groups ("Sauce", "Extras") and their priced options, which dishes offer and order lines choose from. */
@Injectable()
export class ModifierGroupsService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<ModifierGroupView>> {
    const manager = this.database.reader;
    const [groups, total] = await manager.findAndCount(ModifierGroup, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const offered = await loadOfferedGroups(manager, groups);
    return pageOf(
      offered.map((group) => ModifierGroupView.of(group)),
      total,
      query,
    );
  }

  async get(id: string): Promise<ModifierGroupView> {
    return this.view(this.database.reader, await findGroup(this.database.reader, id));
  }

  create(principal: Principal, input: CreateModifierGroupInput): Promise<ModifierGroupView> {
    const minChoices = input.minChoices ?? 0;
    const maxChoices = input.maxChoices ?? 1;
    assertChoiceRange(minChoices, maxChoices);
    const options = input.options ?? [];
    assertDistinctNames(options, 'options');
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const group = await tx.manager.save(
        tx.manager.create(ModifierGroup, {
          id: randomUUID(),
          name: input.name,
          minChoices,
          maxChoices,
          createdAt: now,
          updatedAt: now,
        }),
      );
      for (const option of options) await tx.manager.save(newOption(tx.manager, group.id, option, now));
      const after = await this.view(tx.manager, group);
      await this.changes.record(tx, principal, {
        action: 'modifier_group.created',
        entityType: 'modifier_group',
        entityId: group.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateModifierGroupInput): Promise<ModifierGroupView> {
    return this.database.transaction(async (tx) => {
      const group = await findGroup(tx.manager, id, this.database.forUpdate);
      refuseHqOwned(group, 'modifier group', changedFields(group, input, HQ_OWNED_GROUP_FIELDS));
      return auditedChange(tx, this.changes, principal, group, {
        action: 'modifier_group.updated',
        entityType: 'modifier_group',
        view: (row) => this.view(tx.manager, row),
        change: () => {
          if (input.name !== undefined) group.name = input.name;
          if (input.minChoices !== undefined) group.minChoices = input.minChoices;
          if (input.maxChoices !== undefined) group.maxChoices = input.maxChoices;
          assertChoiceRange(group.minChoices, group.maxChoices);
          group.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  /** Deletes the group and its options; refused (409) while live dishes offer it. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      // Locked first: a dish taking the group on either commits before the count sees it or waits.
      const group = await findGroup(tx.manager, id, this.database.forUpdate);
      refuseHqOwned(group, 'modifier group', ['delete']);
      await assertNoLiveDishOffers(tx.manager, id);
      await auditedChange(tx, this.changes, principal, group, {
        action: 'modifier_group.deleted',
        entityType: 'modifier_group',
        view: (row) => this.view(tx.manager, row),
        remove: () => tx.manager.delete(ModifierGroup, { id }),
      });
    });
  }

  createOption(
    principal: Principal,
    groupId: string,
    input: CreateModifierOptionInput,
  ): Promise<ModifierOptionView> {
    return this.inGroup(groupId, async (tx, options, group) => {
      refuseHqOwned(group, 'modifier group', ['options']);
      if (options.length >= MAX_OPTIONS_PER_GROUP) {
        throw new DomainError(
          ErrorCode.Conflict,
          `The group has ${MAX_OPTIONS_PER_GROUP} options, the most it may have`,
        );
      }
      assertOptionNameFree(options, input.name);
      const option = await tx.manager.save(newOption(tx.manager, groupId, input, this.clock.now()));
      await this.changes.record(tx, principal, {
        action: 'modifier_option.created',
        entityType: 'modifier_option',
        entityId: option.id,
        after: auditedOption(option),
      });
      return ModifierOptionView.of(option);
    });
  }

  updateOption(
    principal: Principal,
    groupId: string,
    optionId: string,
    input: UpdateModifierOptionInput,
  ): Promise<ModifierOptionView> {
    return this.inGroup(groupId, async (tx, options) => {
      const option = findOption(options, optionId);
      refuseHqOwned(option, 'modifier option', changedFields(option, input, HQ_OWNED_OPTION_FIELDS));
      await auditedChange(tx, this.changes, principal, option, {
        action: (before, after) =>
          before.priceDelta !== after.priceDelta
            ? 'modifier_option.price_changed'
            : 'modifier_option.updated',
        entityType: 'modifier_option',
        view: auditedOption,
        change: () => {
          if (input.name !== undefined && input.name !== option.name) {
            assertOptionNameFree(
              options.filter((other) => other.id !== option.id),
              input.name,
            );
            option.name = input.name;
          }
          if (input.priceDelta !== undefined) option.priceDelta = input.priceDelta;
          if (input.sortOrder !== undefined) option.sortOrder = input.sortOrder;
          option.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
      return ModifierOptionView.of(option);
    });
  }

  /** Orders keep their own copy of what they chose: the option goes outright. */
  removeOption(principal: Principal, groupId: string, optionId: string): Promise<void> {
    return this.inGroup(groupId, async (tx, options) => {
      const option = findOption(options, optionId);
      refuseHqOwned(option, 'modifier option', ['delete']);
      await auditedChange(tx, this.changes, principal, option, {
        action: 'modifier_option.deleted',
        entityType: 'modifier_option',
        view: auditedOption,
        remove: () => tx.manager.delete(ModifierOption, { id: optionId }),
      });
    });
  }

  /** "86" an option, or bring it back: announced like a dish's, `{optionId, groupId, available}`. */
  setOptionAvailability(
    principal: Principal,
    groupId: string,
    optionId: string,
    available: boolean,
  ): Promise<ModifierGroupView> {
    return this.inGroup(groupId, async (tx, options, group) => {
      const option = findOption(options, optionId);
      if (option.available !== available) {
        await auditedChange(tx, this.changes, principal, option, {
          action: 'modifier_option.availability_changed',
          entityType: 'modifier_option',
          view: auditedOption,
          change: async () => {
            option.available = available;
            option.updatedAt = this.clock.now();
            await this.changes.announceAvailability(tx, { optionId, groupId, available });
          },
        });
      }
      return ModifierGroupView.of({ group, options });
    });
  }

  /** `work` on the group's options in one transaction, the group locked so its option names stay unique. */
  private inGroup<T>(
    groupId: string,
    work: (tx: Tx, options: ModifierOption[], group: ModifierGroup) => Promise<T>,
  ): Promise<T> {
    return this.database.transaction(async (tx) => {
      const group = await findGroup(tx.manager, groupId, this.database.forUpdate);
      const { options } = await loadOfferedGroup(tx.manager, group);
      return work(tx, options, group);
    });
  }

  private async view(manager: EntityManager, group: ModifierGroup): Promise<ModifierGroupView> {
    return ModifierGroupView.of(await loadOfferedGroup(manager, group));
  }
}
