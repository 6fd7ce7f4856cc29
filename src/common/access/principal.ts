import type { Role } from './role';
import type { Scope } from './scope';

/** Who is calling, as the access guard established it: a staff member's session or an integration's API key. */
export type Principal = StaffPrincipal | ApiKeyPrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  role: Role;
  sessionId: string;
  /** Signed in on this kitchen screen: its sockets hear that screen's stations only. */
  kitchenDeviceId?: string | null;
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  keyId: string;
  name: string;
  scopes: Scope[];
  /** The sales channel whose orders alone the key may post and update; null or absent: not bound to one. */
  channelCode?: string | null;
}

/** How the audit log and security events name the caller: `staff:<userId>` or `apiKey:<keyId>`. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'staff' ? `staff:${principal.userId}` : `apiKey:${principal.keyId}`;
}

/** The staff member behind a principal, or null for an API key. */
export function staffUserId(principal: Principal | null): string | null {
  return principal?.kind === 'staff' ? principal.userId : null;
}

/** A log-safe label: never a token or a secret. */
export function describePrincipal(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  switch (principal.kind) {
    case 'staff':
      return `staff:${principal.userId}:${principal.role}`;
    case 'apiKey':
      return `apiKey:${principal.keyId}`;
  }
}
