import type { Role } from '../common/access/role';
import type { Scope } from '../common/access/scope';

/**
 * Who may see an event, stored with it. Staff see it when their role is listed (a kitchen screen that chose
 * stations additionally needs one of `stationIds` when they are given); a customer when `customers` is 'all' or
 * names their table and seating (the party they belong to); integrations with `events:read` when `integrations`
 * is true.
 */
export interface Audience {
  roles: Role[];
  stationIds?: string[];
  customers?: 'all' | { tableId: string; seating: number };
  integrations?: boolean;
  /** A scope an integration's key must also hold (customers:read for guests' personal data). */
  integrationScope?: Scope;
}

export const NOBODY: Audience = { roles: [] };
