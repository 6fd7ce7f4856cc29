import type { StaffPrincipal } from '../common/access/principal';

/** Who is on the other end of a socket (or a REST catch-up call), as far as event visibility is concerned. */
export type Viewer = StaffViewer | CustomerViewer;

export interface StaffViewer {
  kind: 'staff';
  principal: StaffPrincipal;
  /** A kitchen screen may ask for some stations only; null means all. */
  stationIds: string[] | null;
}

export interface CustomerViewer {
  kind: 'customer';
  tableId: string;
  /** The table's seating when the guest connected: they follow their own party's orders, no earlier or later. */
  seating: number;
  /** Of the QR token they connected with: a rotation drops every guest whose token is no longer the table's. */
  qrTokenHash: string;
}
