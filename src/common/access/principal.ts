import type { Role } from './role';

/** Who is calling, as the access guard established it. API keys join this union with the integrations module. */
export type Principal = StaffPrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  role: Role;
  sessionId: string;
}

/** A log-safe label: never a token or a secret. */
export function describePrincipal(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  switch (principal.kind) {
    case 'staff':
      return `staff:${principal.userId}:${principal.role}`;
  }
}
