import type { AuditAction } from '../audit/audit-actions';
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
import { UserReferences } from './user-references';
import { User } from './user.entity';

/**
 * A person of headquarters' staff directory as the site takes them (GET /hq/site/staff): with a role, a name and
 * their secrets while they may sign in here; otherwise their id alone (role null), erased or not.
 */
export interface HqStaffEntry {
  id: string;
  version: number;
  role: Role | null;
  erased: boolean;
  username: string | null;
  displayName: string | null;
  passwordHash: string | null;
  /** CredentialHasher.hashSharedPin's verifier, keyed with the chain's PIN key the pull gives with it. */
  pinVerifier: string | null;
}

/** What became of each entry: null when taken as it is, else the problem named on it. */
export type HqStaffOutcomes = Map<string, string | null>;

/** What an erased person's name becomes here, as at headquarters. */
const ERASED_NAME = 'Erased';

/**
 * The site's users that come from headquarters' staff directory: each with the id it has there, its role here, its
 * password hash and PIN verifier as headquarters keeps them. A person who may not sign in here any more is a
 * deactivated user without secrets (their sessions end in the same transaction); an erased one is deleted, or
 * anonymised where the site's records name them, as the site's own deletion of a user.
 */
@Injectable()
export class HqStaffUsers {
  constructor(
    private readonly eventLog: EventLog,
    private readonly audit: AuditLog,
    private readonly references: UserReferences,
    private readonly hasher: CredentialHasher,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the entries in `tx`, each on its own: one the site cannot take as it is (its id or username one of the
   * site's own users') is a problem named on it, and the others apply. Ending someone's access always applies.
   */
  async apply(tx: Tx, entries: HqStaffEntry[], chainPinKey: string): Promise<HqStaffOutcomes> {
    const outcomes: HqStaffOutcomes = new Map();
    const users = await this.usersOf(tx.manager, entries);
    for (const entry of entries) {
      const existing = users.get(entry.id) ?? null;
      if (existing && existing.hqStaffVersion === null) {
        outcomes.set(entry.id, "its id is one of this site's own users'");
        continue;
      }
      if (entry.erased) {
        if (existing) await this.erase(tx, existing, entry.version);
        outcomes.set(entry.id, null);
      } else if (entry.role === null) {
        if (existing) await this.endAccess(tx, existing, entry.version);
        outcomes.set(entry.id, null);
      } else {
        outcomes.set(entry.id, await this.grant(tx, existing, entry, chainPinKey));
      }
    }
    return outcomes;
  }

  /** Lets them in here as the entry says; answers the problem when their username is one of the site's own. */
  private async grant(
    tx: Tx,
    existing: User | null,
    entry: HqStaffEntry,
    chainPinKey: string,
  ): Promise<string | null> {
    const username = entry.username!;
    const free = await this.usernameFree(tx, username, entry.id);
    const problem = free
      ? null
      : existing
        ? `the username ${username} is one of this site's own users': kept ${existing.username}`
        : `the username ${username} is one of this site's own users': not let in here`;
    if (!existing && !free) return problem;
    const now = this.clock.now();
    const user = existing ?? Object.assign(new User(), { id: entry.id, createdAt: now });
    const before = existing ? UserView.of(existing) : null;
    const pinKept = entry.pinVerifier
      ? this.hasher.isSharedPin(existing?.pinHash ?? null, entry.pinVerifier)
      : (existing?.pinHash ?? null) === null;
    const credentialsChanged = (existing?.passwordHash ?? null) !== entry.passwordHash || !pinKept;
    Object.assign(user, {
      username: free ? username : existing!.username,
      displayName: entry.displayName,
      role: entry.role,
      passwordHash: entry.passwordHash,
      pinHash:
        entry.pinVerifier === null
          ? null
          : pinKept
            ? existing!.pinHash
            : this.hasher.siteSharedPin(entry.pinVerifier, chainPinKey),
      active: true,
      hqStaffVersion: entry.version,
      updatedAt: now,
    });
    await tx.manager.save(User, user);
    const after = UserView.of(user);
    await this.recordChange(
      tx,
      existing ? 'user.updated_from_headquarters' : 'user.created_from_headquarters',
      {
        id: user.id,
        before,
        after,
      },
    );
    if (!before) return problem;
    if (before.active !== after.active || before.role !== after.role) {
      changeStaffAccess(this.eventLog, tx, { userId: user.id, reason: AccessChangeReason.RoleChanged });
    } else if (credentialsChanged) {
      changeStaffAccess(this.eventLog, tx, {
        userId: user.id,
        reason: AccessChangeReason.CredentialsChanged,
      });
    }
    return problem;
  }

  /** Not to sign in here any more: deactivated, without secrets; their name and role stay for the records. */
  private async endAccess(tx: Tx, user: User, version: number): Promise<void> {
    const before = UserView.of(user);
    const wasActive = user.active;
    Object.assign(user, {
      active: false,
      passwordHash: null,
      pinHash: null,
      hqStaffVersion: version,
      updatedAt: this.clock.now(),
    });
    await tx.manager.save(User, user);
    if (!wasActive) return;
    await this.recordChange(tx, 'user.updated_from_headquarters', {
      id: user.id,
      before,
      after: UserView.of(user),
    });
    changeStaffAccess(this.eventLog, tx, { userId: user.id, reason: AccessChangeReason.Deactivated });
  }

  /** Erased at headquarters: deleted, or kept anonymised where the site's records name them. */
  private async erase(tx: Tx, user: User, version: number): Promise<void> {
    const keep = await this.references.anyFor(tx, user.id);
    if (keep) {
      Object.assign(user, {
        username: `erased-${user.id}`,
        displayName: ERASED_NAME,
        active: false,
        passwordHash: null,
        pinHash: null,
        hqStaffVersion: version,
        updatedAt: this.clock.now(),
      });
      await tx.manager.save(User, user);
    } else {
      await tx.manager.delete(User, { id: user.id });
    }
    // No `before`: the log would keep the name the erasure takes away.
    await this.recordChange(tx, 'user.erased_from_headquarters', {
      id: user.id,
      before: null,
      after: keep ? UserView.of(user) : null,
    });
    changeStaffAccess(this.eventLog, tx, { userId: user.id, reason: AccessChangeReason.Deleted });
  }

  /**
   * Whether `username` is free for the person `id`. A former person of the directory who holds it (deactivated
   * here, so no newer name of theirs came) gives it up for a placeholder; one of the site's own users does not.
   */
  private async usernameFree(tx: Tx, username: string, id: string): Promise<boolean> {
    const holder = await tx.manager.findOne(User, { where: { username } });
    if (!holder || holder.id === id) return true;
    if (holder.hqStaffVersion === null || holder.active) return false;
    await tx.manager.update(User, { id: holder.id }, { username: `hq-${holder.id}` });
    return true;
  }

  private async recordChange(
    tx: Tx,
    action: AuditAction,
    change: { id: string; before: UserView | null; after: UserView | null },
  ): Promise<void> {
    await this.audit.record(tx, null, {
      action,
      entityType: 'user',
      entityId: change.id,
      before: change.before,
      after: change.after,
    });
  }

  private async usersOf(manager: Tx['manager'], entries: HqStaffEntry[]): Promise<Map<string, User>> {
    if (entries.length === 0) return new Map();
    const users = await manager.find(User, { where: { id: In(entries.map((entry) => entry.id)) } });
    return new Map(users.map((user) => [user.id, user]));
  }
}
