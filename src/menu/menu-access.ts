import { applyDecorators } from '@nestjs/common';
import { Roles, Scopes } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';

/** Who may change the menu: admins, and API keys with menu:write. */
export const MenuWriters = () => applyDecorators(Roles(Role.Admin), Scopes(Scope.MenuWrite));

/** Who may read the menu's back office: any staff, and API keys with menu:read. */
export const MenuReaders = () => Scopes(Scope.MenuRead);
