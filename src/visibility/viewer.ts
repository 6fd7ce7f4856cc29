import type { ApiKeyPrincipal, Principal, StaffPrincipal } from '../common/access/principal';

/** Who is on the other end of a socket (or a REST catch-up call), as far as event visibility is concerned. */
export type Viewer = StaffViewer | CustomerViewer | IntegrationViewer;

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

/** An API key with `events:read`: it sees what API.md's event table gives to integrations. */
export interface IntegrationViewer {
  kind: 'integration';
  principal: ApiKeyPrincipal;
}

/** The viewer a REST caller is: all of a staff member's stations, or an integration. */
export function viewerOf(principal: Principal): StaffViewer | IntegrationViewer {
  return principal.kind === 'staff'
    ? { kind: 'staff', principal, stationIds: null }
    : { kind: 'integration', principal };
}
