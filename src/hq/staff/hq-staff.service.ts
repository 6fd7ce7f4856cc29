import type { AuditAction } from '../../audit/audit-actions';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { CredentialHasher } from '../../users/credential-hasher';
import { HqSite } from '../hq-site.entity';
import { HqSitesService } from '../hq-sites.service';
import { CreateHqStaffInput, SiteStaffProblemsInput, UpdateHqStaffInput } from './dto/hq-staff.inputs';
import { HqStaffView, SiteStaffMemberView, SiteStaffView } from './dto/hq-staff.views';
import { HqStaffMember, HqStaffProblem, HqStaffReach, HqStaffSite } from './hq-staff.entities';

/** People a site takes in one pull, at most: a site far behind catches up over a few contacts. */
const PULLED_AT_ONCE = 500;

/** What an erased person's name becomes, here and at every site. */
export const ERASED_NAME = 'Erased';

/**
 * The organisation's staff directory: people with one password and one PIN, assigned to all sites or to some with
 * a role at each. Every change takes the directory's next version; a site whose contact names a later version than
 * it holds takes the people changed since (GET /hq/site/staff), so a deactivation reaches every linked site at its
 * next contact. Headquarters keeps a password hash and a PIN verifier, never a PIN, and gives them only to the
 * sites the person works at while they are active.
 */
@Injectable()
export class HqStaffService {
  constructor(
    private readonly database: Database,
    private readonly sites: HqSitesService,
    private readonly hasher: CredentialHasher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<HqStaffView>> {
    const [members, total] = await this.database.reader.findAndCount(HqStaffMember, {
      order: { displayName: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const ids = members.map((member) => member.id);
    const sites = await this.sitesOf(ids);
    const problems = await this.problemsOf(ids);
    return pageOf(
      members.map((member) =>
        HqStaffView.of(member, sites.get(member.id) ?? [], problems.get(member.id) ?? []),
      ),
      total,
      query,
    );
  }

  async create(principal: Principal, input: CreateHqStaffInput): Promise<HqStaffView> {
    if (!input.password && !input.pin) {
      throw DomainError.invalidField('password', 'a password or a pin is required to sign in');
    }
    const [passwordHash, pinVerifier] = await Promise.all([
      input.password ? this.hasher.hashPassword(input.password) : null,
      input.pin ? this.hasher.hashSharedPin(input.pin) : null,
    ]);
    const id = randomUUID();
    return this.database.transaction(async (tx) => {
      // The turn first: two instances checking one username at once would both find it free.
      const version = await this.nextVersion(tx);
      await this.usernameFree(tx, input.username, id);
      const now = this.clock.now();
      const member = Object.assign(new HqStaffMember(), {
        id,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        pinVerifier,
        active: true,
        allSitesRole: input.allSitesRole ?? null,
        version,
        createdAt: now,
        updatedAt: now,
        erasedAt: null,
      });
      await this.database.insertRows(tx, HqStaffMember, member);
      const sites = await this.assign(tx, member, input.sites ?? []);
      return this.audited(tx, principal, 'hq_staff.created', member, sites);
    });
  }

  async update(principal: Principal, id: string, input: UpdateHqStaffInput): Promise<HqStaffView> {
    const [passwordHash, pinVerifier] = await Promise.all([
      input.password ? this.hasher.hashPassword(input.password) : undefined,
      input.pin ? this.hasher.hashSharedPin(input.pin) : undefined,
    ]);
    return this.database.transaction(async (tx) => {
      const member = await this.lockedMember(tx, id);
      const before = HqStaffView.of(member, (await this.sitesOf([id], tx)).get(id) ?? []);
      const version = await this.nextVersion(tx);
      if (input.username !== undefined && input.username !== member.username) {
        await this.usernameFree(tx, input.username, id);
        member.username = input.username;
      }
      if (input.displayName !== undefined) member.displayName = input.displayName;
      if (passwordHash !== undefined) member.passwordHash = passwordHash;
      if (pinVerifier !== undefined) member.pinVerifier = pinVerifier;
      if (input.active !== undefined) member.active = input.active;
      if (input.allSitesRole !== undefined) member.allSitesRole = input.allSitesRole;
      member.version = version;
      member.updatedAt = this.clock.now();
      await this.database.updateRows(tx, HqStaffMember, member);
      const sites =
        input.sites === undefined
          ? ((await this.sitesOf([id], tx)).get(id) ?? [])
          : await this.assign(tx, member, input.sites);
      return this.audited(tx, principal, 'hq_staff.updated', member, sites, before);
    });
  }

  /**
   * Erases a person: their secrets and sites go, their name becomes ERASED_NAME (username `erased-<id>`), and every
   * site erases them at its next contact. The row stays, as the directory's record that they were erased.
   */
  async erase(principal: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const member = await this.lockedMember(tx, id);
      const version = await this.nextVersion(tx);
      const now = this.clock.now();
      Object.assign(member, {
        username: `erased-${member.id}`,
        displayName: ERASED_NAME,
        passwordHash: null,
        pinVerifier: null,
        active: false,
        allSitesRole: null,
        version,
        updatedAt: now,
        erasedAt: now,
      });
      await this.database.updateRows(tx, HqStaffMember, member);
      await tx.manager.delete(HqStaffSite, { staffId: id });
      await tx.manager.delete(HqStaffProblem, { staffId: id });
      // No `before`: the log would keep the name the erasure takes away.
      await this.audited(tx, principal, 'hq_staff.erased', member, []);
    });
  }

  /**
   * The people changed after `after`, as the calling site takes them (SiteStaffMemberView): at most
   * PULLED_AT_ONCE, oldest first; `version` is that of the last one given, so the site asks again from there.
   */
  pull(credential: string | undefined, after: number): Promise<SiteStaffView> {
    return this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const members = await tx.manager.find(HqStaffMember, {
        where: { version: MoreThan(after) },
        order: { version: 'ASC' },
        take: PULLED_AT_ONCE,
      });
      const ids = members.map((member) => member.id);
      const ofSite = { staffId: In(ids), siteId: site.id };
      const [assignments, reach] =
        ids.length === 0
          ? [[], []]
          : await Promise.all([
              tx.manager.find(HqStaffSite, { where: ofSite }),
              tx.manager.find(HqStaffReach, { where: ofSite }),
            ]);
      const assigned = new Map(assignments.map((row) => [row.staffId, row.role]));
      const reached = new Set(reach.map((row) => row.staffId));
      const staff: SiteStaffMemberView[] = [];
      for (const member of members) {
        const role = member.active ? (member.allSitesRole ?? assigned.get(member.id) ?? null) : null;
        // Someone this site never had is none of its business, not even their id.
        if (role === null && !reached.has(member.id)) continue;
        const idOnly = {
          id: member.id,
          version: member.version,
          role: null,
          erased: member.erasedAt !== null,
          username: null,
          displayName: null,
          passwordHash: null,
          pinVerifier: null,
        };
        if (role === null) {
          staff.push(idOnly);
          continue;
        }
        const { username, displayName, passwordHash, pinVerifier } = member;
        staff.push({ ...idOnly, role, username, displayName, passwordHash, pinVerifier });
      }
      const newlyReached = staff
        .filter((entry) => entry.role !== null && !reached.has(entry.id))
        .map((entry) => Object.assign(new HqStaffReach(), { staffId: entry.id, siteId: site.id }));
      await this.database.insertRows(tx, HqStaffReach, newlyReached);
      return { version: members.at(-1)?.version ?? after, pinKey: this.hasher.chainPinKey(), staff };
    });
  }

  /** The calling site's problems with the directory's entries now, in place of those it reported before. */
  async reportProblems(credential: string | undefined, input: SiteStaffProblemsInput): Promise<void> {
    await this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      await tx.manager.delete(HqStaffProblem, { siteId: site.id });
      const ids = [...new Set(input.problems.map((problem) => problem.staffId))];
      // A person erased meanwhile has no problems any more; nor does anyone headquarters never had.
      const known = new Set(
        ids.length === 0
          ? []
          : (
              await tx.manager.find(HqStaffMember, {
                where: { id: In(ids), erasedAt: IsNull() },
                select: { id: true },
              })
            ).map((member) => member.id),
      );
      const now = this.clock.now();
      const rows = new Map(
        input.problems
          .filter((problem) => known.has(problem.staffId))
          .map((problem) => [
            problem.staffId,
            Object.assign(new HqStaffProblem(), { ...problem, siteId: site.id, reportedAt: now }),
          ]),
      );
      await this.database.insertRows(tx, HqStaffProblem, [...rows.values()]);
    });
  }

  /** The directory's version now: the last change's (0 before the first). */
  async version(tx: Tx): Promise<number> {
    const [latest] = await tx.manager.find(HqStaffMember, {
      select: { version: true },
      order: { version: 'DESC' },
      take: 1,
    });
    return latest?.version ?? 0;
  }

  /** The person, locked in `tx`: 404 for no one, 409 for someone erased (nothing of them changes any more). */
  private async lockedMember(tx: Tx, id: string): Promise<HqStaffMember> {
    const member = await tx.manager.findOne(HqStaffMember, { where: { id }, ...this.database.forUpdate });
    if (!member) throw DomainError.notFound('Staff member');
    if (member.erasedAt) throw new DomainError(ErrorCode.Conflict, 'This person was erased');
    return member;
  }

  private async nextVersion(tx: Tx): Promise<number> {
    // Two changes at once would take the same version, and a site could skip one of them: they take turns.
    await this.database.serialise(tx, 'hq_staff.version');
    return (await this.version(tx)) + 1;
  }

  /** Replaces the person's sites (422 naming `sites[i].siteId` for a site that does not exist). */
  private async assign(
    tx: Tx,
    member: HqStaffMember,
    sites: Array<{ siteId: string; role: HqStaffSite['role'] }>,
  ) {
    const ids = sites.map((site) => site.siteId);
    const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
    if (repeated !== -1) throw DomainError.invalidField(`sites[${repeated}].siteId`, 'is named twice');
    const known = new Set(
      ids.length === 0
        ? []
        : (await tx.manager.find(HqSite, { where: { id: In(ids) }, select: { id: true } })).map(
            (site) => site.id,
          ),
    );
    const missing = ids.findIndex((id) => !known.has(id));
    if (missing !== -1) throw DomainError.invalidField(`sites[${missing}].siteId`, 'is no site');
    await tx.manager.delete(HqStaffSite, { staffId: member.id });
    const rows = sites.map((site) => Object.assign(new HqStaffSite(), { staffId: member.id, ...site }));
    await this.database.insertRows(tx, HqStaffSite, rows);
    return rows;
  }

  private async usernameFree(tx: Tx, username: string, id: string): Promise<void> {
    const taken = await tx.manager.findOne(HqStaffMember, { where: { username }, select: { id: true } });
    if (taken && taken.id !== id)
      throw new DomainError(ErrorCode.Conflict, `The username ${username} is taken`);
  }

  private async audited(
    tx: Tx,
    principal: Principal,
    action: AuditAction,
    member: HqStaffMember,
    sites: HqStaffSite[],
    before?: HqStaffView,
  ): Promise<HqStaffView> {
    const view = HqStaffView.of(member, sites, (await this.problemsOf([member.id], tx)).get(member.id));
    await this.audit.record(tx, principal, {
      action,
      entityType: 'hq_staff',
      entityId: member.id,
      before,
      after: view,
    });
    return view;
  }

  private async problemsOf(staffIds: string[], tx?: Tx): Promise<Map<string, HqStaffProblem[]>> {
    const manager = tx?.manager ?? this.database.reader;
    const rows =
      staffIds.length === 0
        ? []
        : await manager.find(HqStaffProblem, {
            where: { staffId: In(staffIds) },
            order: { siteId: 'ASC' },
          });
    const problems = new Map<string, HqStaffProblem[]>();
    for (const row of rows) problems.set(row.staffId, [...(problems.get(row.staffId) ?? []), row]);
    return problems;
  }

  private async sitesOf(staffIds: string[], tx?: Tx): Promise<Map<string, HqStaffSite[]>> {
    const manager = tx?.manager ?? this.database.reader;
    const rows =
      staffIds.length === 0
        ? []
        : await manager.find(HqStaffSite, { where: { staffId: In(staffIds) }, order: { siteId: 'ASC' } });
    const sites = new Map<string, HqStaffSite[]>();
    for (const row of rows) sites.set(row.staffId, [...(sites.get(row.staffId) ?? []), row]);
    return sites;
  }
}
