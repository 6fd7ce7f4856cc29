import { Injectable, OnModuleInit } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import {
  AccessChangeReason,
  changeStaffAccess,
  ENDS_EVERY_SESSION,
  STAFF_ACCESS_CHANGED,
  StaffAccessChange,
} from '../event-log/staff-access-change';
import { KITCHEN_DEVICE_REVOKED } from '../kitchen/kitchen-device-revoked';
import { AuthSession } from './auth-session.entity';

/**
 * Ends sessions in the transaction of the change that ends them. A session's refresh tokens die with it; its access
 * tokens and sockets on every instance go as the `staff.access_changed` event passes through each one's feed.
 * Also run by the operator scripts, so that create-admin resetting a password ends the old sessions too.
 */
@Injectable()
export class SessionRevocation implements OnModuleInit {
  constructor(
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.eventLog.on(STAFF_ACCESS_CHANGED, (tx, change) => this.endEverySession(tx, change));
    this.eventLog.on(KITCHEN_DEVICE_REVOKED, (tx, { deviceId }) => this.endDeviceSessions(tx, deviceId));
  }

  /** A revoked kitchen screen: the sessions of the cooks signed in on it end, one by one (each its sockets). */
  private async endDeviceSessions(tx: Tx, kitchenDeviceId: string): Promise<void> {
    const sessions = await tx.manager.find(AuthSession, {
      where: { kitchenDeviceId, revokedAt: IsNull() },
      order: { id: 'ASC' },
    });
    for (const session of sessions) await this.endSession(tx, session, AccessChangeReason.DeviceRevoked);
  }

  /** Ends one session (a logout, a reused refresh token). */
  async endSession(tx: Tx, session: AuthSession, reason: AccessChangeReason): Promise<void> {
    session.revokedAt = this.clock.now();
    session.revokedReason = reason;
    await tx.manager.save(session);
    changeStaffAccess(this.eventLog, tx, { userId: session.userId, sessionId: session.id, reason });
  }

  /**
   * A deactivated or deleted user, a changed password or PIN, a second factor reset or enrolled: every session of
   * the user ends (but the one that made the change, if it is theirs), and every refresh token with them.
   */
  private async endEverySession(
    tx: Tx,
    { userId, reason, exceptSessionId }: StaffAccessChange,
  ): Promise<void> {
    if (!ENDS_EVERY_SESSION.has(reason)) return;
    await tx.manager.update(
      AuthSession,
      {
        userId,
        revokedAt: IsNull(),
        ...(exceptSessionId !== undefined ? { id: Not(exceptSessionId) } : {}),
      },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
  }
}
