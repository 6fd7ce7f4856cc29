import { FactKind } from '../event-log/facts';

/** A drawer shift opened with a float: the cash put in to give change (DSFinV-K's Anfangsbestand). */
export interface DrawerOpened {
  shiftId: string;
  openingCash: number;
}

/** A drawer shift closed counted: what the count differs from what was expected (negative when short). */
export interface DrawerCounted {
  shiftId: string;
  difference: number;
}

/** Cash paid into (deposit) or out of (withdrawal) the drawer of an open shift; `amount` is more than 0. */
export interface DrawerMoved {
  movementId: string;
  shiftId: string;
  kind: 'deposit' | 'withdrawal';
  amount: number;
}

export const DRAWER_MOVED = new FactKind<DrawerMoved>('drawer cash paid in or out');
export const DRAWER_OPENED = new FactKind<DrawerOpened>('drawer opened');
export const DRAWER_COUNTED = new FactKind<DrawerCounted>('drawer counted');
