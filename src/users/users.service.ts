import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, IsNull, Not } from 'typeorm';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { managedByHq } from '../common/errors/managed-by-hq';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { AccessChangeReason, changeStaffAccess } from '../event-log/staff-access-change';
import { AuditLog } from '../audit/audit-log.service';
import { LoginView } from '../audit/dto/login.view';
import { SecurityEventsService } from '../audit/security-events.service';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { CredentialHasher } from './credential-hasher';
import { CreateUserInput, UpdateUserInput, UserListQuery } from './dto/user.inputs';
import { StaffMemberView, UserView } from './dto/user.view';
import { UserReferences } from './user-references';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly hasher: CredentialHasher,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly references: UserReferences,
    private readonly clock: Clock,
    private readonly securityEvents: SecurityEventsService,
  ) {}

  private get users() {
    return this.database.reader.getRepository(User);
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const where: FindOptionsWhere<User> = {};
    if (query.role) where.role = query.role;
    if (query.active !== undefined) where.active = query.active;
    const [users, total] = await this.users.findAndCount({
      where,
      order: { displayName: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(users.map(UserView.of), total, query);
  }

  async get(id: string): Promise<UserView> {
    return UserView.of(await this.find(this.users.manager, id));
  }

  /** A staff member's login history: admins read anyone's, everyone else their own. */
  async loginHistory(caller: StaffPrincipal, id: string, query: PageQuery): Promise<Page<LoginView>> {
    if (caller.role !== Role.Admin && caller.userId !== id) {
      throw new DomainError(ErrorCode.Forbidden, "Only admins may read another staff member's logins");
    }
    await this.find(this.users.manager, id);
    return this.securityEvents.loginHistory(id, query);
  }

  /** The PIN pad: active staff who can log in with a PIN. */
  async pinPad(): Promise<StaffMemberView[]> {
    const users = await this.users.find({
      where: { active: true, pinHash: Not(IsNull()) },
      order: { displayName: 'ASC', id: 'ASC' },
    });
    return users.map(({ id, displayName, role }) => ({ id, displayName, role }));
  }

  async create(actor: Principal | null, input: CreateUserInput): Promise<UserView> {
    if (!input.password && !input.pin) {
      throw DomainError.invalidField('password', 'a password or a pin is required to log in');
    }
    const [passwordHash, pinHash] = await Promise.all([
      input.password ? this.hasher.hashPassword(input.password) : null,
      input.pin ? this.hasher.hashPin(input.pin) : null,
    ]);
    const now = this.clock.now();
    return this.database.transaction(async (tx) => {
      const { manager } = tx;
      await this.assertUsernameFree(manager, input.username);
      const user = await manager.save(
        manager.create(User, {
          id: randomUUID(),
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          passwordHash,
          pinHash,
          active: true,
          hqStaffVersion: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = UserView.of(user);
      await this.auditLog.record(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after,
      });
      return after;
    });
  }

  /**
   * Operator recovery (npm run create-admin): create this admin; or, only when `reset` says so, make the existing user
   * an active admin with this password, which ends their sessions. Without `reset` an existing user is left alone.
   */
  async ensureAdmin(
    username: string,
    password: string,
    reset: boolean,
  ): Promise<'created' | 'updated' | 'exists'> {
    const existing = await this.users.findOne({ where: { username: username.trim().toLowerCase() } });
    if (!existing) {
      await this.create(null, {
        username: username.trim().toLowerCase(),
        displayName: 'Administrator',
        role: Role.Admin,
        password,
      });
      return 'created';
    }
    if (!reset) return 'exists';
    await this.update(null, existing.id, { role: Role.Admin, active: true, password });
    return 'updated';
  }

  async update(actor: Principal | null, id: string, input: UpdateUserInput): Promise<UserView> {
    const [passwordHash, pinHash] = await Promise.all([
      input.password ? this.hasher.hashPassword(input.password) : undefined,
      input.pin ? this.hasher.hashPin(input.pin) : input.pin,
    ]);
    return this.database.transaction(async (tx) => {
      const { manager } = tx;
      const user = await this.find(manager, id, true);
      refuseFromHeadquarters(user, Object.keys(input));
      const before = UserView.of(user);
      if (input.username !== undefined && input.username !== user.username) {
        await this.assertUsernameFree(manager, input.username);
        user.username = input.username;
      }
      const losesAdmin =
        user.role === Role.Admin &&
        user.active &&
        ((input.role !== undefined && input.role !== Role.Admin) || input.active === false);
      if (losesAdmin) await this.assertAnotherActiveAdmin(manager, user.id);
      if (input.displayName !== undefined) user.displayName = input.displayName;
      if (input.role !== undefined) user.role = input.role;
      if (input.active !== undefined) user.active = input.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      if (pinHash !== undefined) user.pinHash = pinHash;
      if (!user.passwordHash && !user.pinHash) {
        throw DomainError.invalidField('pin', 'cannot remove the last way to log in');
      }
      user.updatedAt = this.clock.now();
      const after = UserView.of(await manager.save(user));
      const credentialsChanged = passwordHash !== undefined || pinHash !== undefined;
      await this.auditLog.record(tx, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        before,
        after: { ...after, ...(credentialsChanged ? { credentialsChanged: true } : {}) },
      });
      if (before.active !== after.active || before.role !== after.role) {
        const reason = after.active ? AccessChangeReason.RoleChanged : AccessChangeReason.Deactivated;
        changeStaffAccess(this.eventLog, tx, { userId: user.id, reason });
      }
      // Sessions opened with the old password or PIN end; one's own change keeps the session that made it.
      if (credentialsChanged) {
        const own = actor?.kind === 'staff' && actor.userId === user.id ? actor.sessionId : undefined;
        changeStaffAccess(this.eventLog, tx, {
          userId: user.id,
          reason: AccessChangeReason.CredentialsChanged,
          ...(own ? { exceptSessionId: own } : {}),
        });
      }
      return after;
    });
  }

  /** Deletes a user; one whom other records name (orders their waiter) stays, deactivated, so they still can. */
  async remove(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const user = await this.find(tx.manager, id, true);
      refuseFromHeadquarters(user, ['delete']);
      if (user.role === Role.Admin && user.active) await this.assertAnotherActiveAdmin(tx.manager, user.id);
      const before = UserView.of(user);
      const keep = await this.references.anyFor(tx, user.id);
      if (keep) {
        user.active = false;
        user.updatedAt = this.clock.now();
        await tx.manager.save(user);
      } else {
        await tx.manager.delete(User, { id: user.id });
      }
      await this.auditLog.record(tx, actor, {
        action: keep ? 'user.deactivated' : 'user.deleted',
        entityType: 'user',
        entityId: id,
        before,
        after: keep ? UserView.of(user) : null,
      });
      changeStaffAccess(this.eventLog, tx, { userId: user.id, reason: AccessChangeReason.Deleted });
    });
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<User> {
    const user = await manager.findOne(User, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!user) throw DomainError.notFound('User');
    return user;
  }

  private async assertUsernameFree(manager: EntityManager, username: string): Promise<void> {
    if (await manager.exists(User, { where: { username } })) {
      throw new DomainError(ErrorCode.Conflict, `The username "${username}" is taken`);
    }
  }

  /** A restaurant must never lock itself out of its own admin routes. */
  private async assertAnotherActiveAdmin(manager: EntityManager, exceptUserId: string): Promise<void> {
    const others = await manager.count(User, {
      where: { role: Role.Admin, active: true, id: Not(exceptUserId) },
    });
    if (others === 0) throw new DomainError(ErrorCode.Conflict, 'This is the last active admin');
  }
}

/** A person of headquarters' staff directory is headquarters' to change (409 MANAGED_BY_HQ naming `fields`). */
function refuseFromHeadquarters(user: User, fields: string[]): void {
  if (user.hqStaffVersion !== null && fields.length > 0) throw managedByHq('staff member', fields);
}
