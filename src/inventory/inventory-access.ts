import { applyDecorators } from '@nestjs/common';
import { Roles, Scopes } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';

/** Who may read the inventory: managers, admins, and API keys with inventory:read. */
export const InventoryReaders = () =>
  applyDecorators(Roles(Role.Manager, Role.Admin), Scopes(Scope.InventoryRead));

/** Who may change it: managers, admins, and API keys with inventory:write. */
export const InventoryWriters = () =>
  applyDecorators(Roles(Role.Manager, Role.Admin), Scopes(Scope.InventoryWrite));
