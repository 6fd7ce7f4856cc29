import type { Role } from '../common/access/role';

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
}

export const NOBODY: Audience = { roles: [] };
