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

export const DRAWER_OPENED = new FactKind<DrawerOpened>('drawer opened');
export const DRAWER_COUNTED = new FactKind<DrawerCounted>('drawer counted');
