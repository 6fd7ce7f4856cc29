import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, MoreThan } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { SecretBox } from '../../common/crypto/secret-box';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { Database, Tx } from '../../database/database.service';
import { CredentialHasher } from '../../users/credential-hasher';
import { HqSite } from '../hq-site.entity';
import { HqSitesService } from '../hq-sites.service';
import { CreateHqStaffInput, UpdateHqStaffInput } from './dto/hq-staff.inputs';
import { HqStaffView, SiteStaffMemberView, SiteStaffView } from './dto/hq-staff.views';
import { HqStaffMember, HqStaffSite } from './hq-staff.entities';

/** People a site takes in one pull, at most: a site far behind catches up over a few contacts. */
const PULLED_AT_ONCE = 500;

/**
 * The organisation's staff directory: people with one password and one PIN, assigned to all sites or to some with
 * a role at each. Every change takes the directory's next version; a site whose contact names a later version than
 * it holds takes the people changed since (GET /hq/site/staff), so a deactivation reaches every linked site at its
 * next contact.
 */
@Injectable()
export class HqStaffService {
  private readonly box: SecretBox;

  constructor(
    private readonly database: Database,
    private readonly sites: HqSitesService,
    private readonly hasher: CredentialHasher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  async list(query: PageQuery): Promise<Page<HqStaffView>> {
    const [members, total] = await this.database.reader.findAndCount(HqStaffMember, {
      order: { displayName: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const sites = await this.sitesOf(members.map((member) => member.id));
    return pageOf(
      members.map((member) => HqStaffView.of(member, sites.get(member.id) ?? [])),
      total,
      query,
    );
  }

  async create(principal: Principal, input: CreateHqStaffInput): Promise<HqStaffView> {
    if (!input.password && !input.pin) {
      throw DomainError.invalidField('password', 'a password or a pin is required to sign in');
    }
    const passwordHash = input.password ? await this.hasher.hashPassword(input.password) : null;
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
        pinSealed: input.pin ? this.box.seal(input.pin, id) : null,
        active: true,
        allSitesRole: input.allSitesRole ?? null,
        version,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, HqStaffMember, member);
      const sites = await this.assign(tx, member, input.sites ?? []);
      return this.audited(tx, principal, 'hq_staff.created', member, sites);
    });
  }

  async update(principal: Principal, id: string, input: UpdateHqStaffInput): Promise<HqStaffView> {
    const passwordHash = input.password ? await this.hasher.hashPassword(input.password) : undefined;
    return this.database.transaction(async (tx) => {
      const member = await tx.manager.findOne(HqStaffMember, { where: { id }, ...this.database.forUpdate });
      if (!member) throw DomainError.notFound('Staff member');
      const before = HqStaffView.of(member, (await this.sitesOf([id], tx)).get(id) ?? []);
      const version = await this.nextVersion(tx);
      if (input.username !== undefined && input.username !== member.username) {
        await this.usernameFree(tx, input.username, id);
        member.username = input.username;
      }
      if (input.displayName !== undefined) member.displayName = input.displayName;
      if (passwordHash !== undefined) member.passwordHash = passwordHash;
      if (input.pin !== undefined) member.pinSealed = this.box.seal(input.pin, id);
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
   * The people changed after `after`, as the calling site takes them: its role there (null: not assigned there,
   * so the site deactivates them), their password hash and their PIN. At most PULLED_AT_ONCE, oldest first:
   * `version` is that of the last one given, so the site asks again from there.
   */
  pull(credential: string | undefined, after: number): Promise<SiteStaffView> {
    return this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const members = await tx.manager.find(HqStaffMember, {
        where: { version: MoreThan(after) },
        order: { version: 'ASC' },
        take: PULLED_AT_ONCE,
      });
      const assigned = new Map(
        (members.length === 0
          ? []
          : await tx.manager.find(HqStaffSite, {
              where: { staffId: In(members.map((member) => member.id)), siteId: site.id },
            })
        ).map((row) => [row.staffId, row.role]),
      );
      const staff: SiteStaffMemberView[] = members.map((member) => ({
        id: member.id,
        username: member.username,
        displayName: member.displayName,
        active: member.active,
        role: member.allSitesRole ?? assigned.get(member.id) ?? null,
        passwordHash: member.passwordHash,
        pin: member.pinSealed ? this.box.open(member.pinSealed, member.id) : null,
        version: member.version,
      }));
      return { version: members.at(-1)?.version ?? after, staff };
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
    action: string,
    member: HqStaffMember,
    sites: HqStaffSite[],
    before?: HqStaffView,
  ): Promise<HqStaffView> {
    const view = HqStaffView.of(member, sites);
    await this.audit.record(tx, principal, {
      action,
      entityType: 'hq_staff',
      entityId: member.id,
      before,
      after: view,
    });
    return view;
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
