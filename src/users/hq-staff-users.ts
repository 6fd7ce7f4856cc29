import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Role } from '../common/access/role';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { AccessChangeReason, changeStaffAccess } from '../event-log/staff-access-change';
import { CredentialHasher } from './credential-hasher';
import { UserView } from './dto/user.view';
import { User } from './user.entity';

/** A person of headquarters' staff directory as the site takes them (GET /hq/site/staff). */
export interface HqStaffEntry {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  /** Their role at this site; null: not assigned here. */
  role: Role | null;
  passwordHash: string | null;
  pin: string | null;
  version: number;
}

/** An entry ready to write: its PIN hashed with this site's pepper, or the hash the user has for that PIN. */
export interface PreparedHqStaffEntry extends HqStaffEntry {
  pinHash: string | null;
  pinChanged: boolean;
}

/**
 * The site's users that come from headquarters' staff directory: each with the id it has there, its role here,
 * its password hash as headquarters keeps it and its PIN hashed with this site's pepper. A person not (or no longer)
 * assigned here, or deactivated, is a deactivated user: their sessions end in the same transaction.
 */
@Injectable()
export class HqStaffUsers {
  constructor(
    private readonly hasher: CredentialHasher,
    private readonly eventLog: EventLog,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Hashes each new PIN before the transaction (scrypt costs milliseconds); a PIN the user has already keeps its hash. */
  async prepare(entries: HqStaffEntry[], reader: Tx['manager']): Promise<PreparedHqStaffEntry[]> {
    const users = await this.usersOf(reader, entries);
    return Promise.all(
      entries.map(async (entry) => {
        const pinHash = users.get(entry.id)?.pinHash ?? null;
        if (!entry.pin) return { ...entry, pinHash: null, pinChanged: pinHash !== null };
        if (pinHash && (await this.hasher.verifyPin(entry.pin, pinHash))) {
          return { ...entry, pinHash, pinChanged: false };
        }
        return { ...entry, pinHash: await this.hasher.hashPin(entry.pin), pinChanged: true };
      }),
    );
  }

  /**
   * Writes the entries in `tx`; answers the problems of those it could not take (a username one of the site's own
   * users has), which are left out.
   */
  async apply(tx: Tx, entries: PreparedHqStaffEntry[]): Promise<string[]> {
    const problems: string[] = [];
    const users = await this.usersOf(tx.manager, entries);
    const now = this.clock.now();
    for (const entry of entries) {
      const existing = users.get(entry.id) ?? null;
      const assigned = entry.active && entry.role !== null;
      if (existing && existing.hqStaffVersion === null) {
        problems.push(`${entry.username}: the id of one of this site's own users`);
        continue;
      }
      if (!assigned && (!existing || !existing.active)) continue;
      const clash = await tx.manager.findOne(User, {
        where: { username: entry.username },
        select: { id: true },
      });
      if (assigned && clash && clash.id !== entry.id) {
        problems.push(`${entry.username}: the username of one of this site's own users`);
        continue;
      }
      const user = existing ?? Object.assign(new User(), { id: entry.id, createdAt: now });
      const before = existing ? UserView.of(existing) : null;
      const passwordChanged = (existing?.passwordHash ?? null) !== entry.passwordHash;
      Object.assign(user, {
        username: entry.username,
        displayName: entry.displayName,
        role: entry.role ?? existing?.role,
        passwordHash: entry.passwordHash,
        pinHash: entry.pinHash,
        active: assigned,
        hqStaffVersion: entry.version,
        updatedAt: now,
      });
      await tx.manager.save(User, user);
      const after = UserView.of(user);
      await this.audit.record(tx, null, {
        action: existing ? 'user.updated_from_headquarters' : 'user.created_from_headquarters',
        entityType: 'user',
        entityId: user.id,
        before,
        after,
      });
      if (!existing) continue;
      if (before!.active !== after.active || before!.role !== after.role) {
        const reason = after.active ? AccessChangeReason.RoleChanged : AccessChangeReason.Deactivated;
        changeStaffAccess(this.eventLog, tx, { userId: user.id, reason });
      } else if (passwordChanged || entry.pinChanged) {
        changeStaffAccess(this.eventLog, tx, {
          userId: user.id,
          reason: AccessChangeReason.CredentialsChanged,
        });
      }
    }
    return problems;
  }

  private async usersOf(manager: Tx['manager'], entries: HqStaffEntry[]): Promise<Map<string, User>> {
    if (entries.length === 0) return new Map();
    const users = await manager.find(User, { where: { id: In(entries.map((entry) => entry.id)) } });
    return new Map(users.map((user) => [user.id, user]));
  }
}
