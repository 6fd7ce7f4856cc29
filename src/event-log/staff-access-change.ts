import type { Tx } from '../database/unit-of-work';
import { NOBODY } from './audience';
import type { EventLog } from './event-log.service';
import { EventType } from './event-type';
import { FactKind } from './facts';

/** Why a user's access changed (`auth_sessions.revoked_reason` too, for the sessions it ended). */
export enum AccessChangeReason {
  Logout = 'logout',
  RefreshReuse = 'refresh_reuse',
  RoleChanged = 'role_changed',
  Deactivated = 'deactivated',
  Deleted = 'deleted',
  /** A new password or PIN, or one removed: sessions opened with the old one end. */
  CredentialsChanged = 'credentials_changed',
  SecondFactorReset = 'second_factor_reset',
  /** A second factor was enrolled: whoever else holds a session may not be the one who enrolled it. */
  SecondFactorEnabled = 'second_factor_enabled',
  /** The kitchen screen the session was signed in on was revoked or re-paired. */
  DeviceRevoked = 'device_revoked',
}

/**
 * What a `staff.access_changed` event says: whose access changed, why, and which of their sessions it concerns.
 * Written by users, auth and second factors alike; read by the session cache and the realtime gateway.
 */
export interface StaffAccessChange {
  userId: string;
  reason: AccessChangeReason;
  /** Only this session (a logout, a reused refresh token); absent: every session of the user. */
  sessionId?: string;
  /** Every session of the user but this one: the session that changed its own credentials goes on. */
  exceptSessionId?: string;
}

/** Reasons that end every session of the user (but `exceptSessionId`) in the transaction that appends them. */
export const ENDS_EVERY_SESSION: ReadonlySet<string> = new Set([
  AccessChangeReason.Deactivated,
  AccessChangeReason.Deleted,
  AccessChangeReason.CredentialsChanged,
  AccessChangeReason.SecondFactorReset,
  AccessChangeReason.SecondFactorEnabled,
]);

/** Whether the change concerns this session of this user: its cached principal and its sockets must go. */
export function concernsSession(change: Record<string, unknown>, userId: string, sessionId: string): boolean {
  if (change.userId !== userId) return false;
  if (change.sessionId !== undefined) return change.sessionId === sessionId;
  return change.exceptSessionId !== sessionId;
}

/** A user's access changed: session revocation ends their sessions in the same transaction. */
export const STAFF_ACCESS_CHANGED = new FactKind<StaffAccessChange>('staff access changed');

/**
 * Records the change in the transaction that makes it: the fact (sessions end with it) and the event (every
 * instance drops the matching cached principals and sockets as it passes through their feeds).
 */
export function changeStaffAccess(eventLog: EventLog, tx: Tx, change: StaffAccessChange): void {
  eventLog.raise(tx, STAFF_ACCESS_CHANGED, change);
  eventLog.append(tx, { type: EventType.StaffAccessChanged, data: { ...change }, audience: NOBODY });
}
