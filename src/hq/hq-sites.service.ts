import type { AuditAction } from '../audit/audit-actions';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { In, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { sha256Hex } from '../common/crypto/sha256';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { CreateHqSiteGroupInput, CreateHqSiteInput, SiteLinkInput } from './dto/hq-site.inputs';
import {
  HqLinkCodeView,
  HqSiteGroupView,
  HqSiteView,
  SiteContactView,
  SiteCredentialView,
} from './dto/hq-site.views';
import { HqLiveBoard } from './hq-live-board';
import { HqPublication } from './catalog/hq-catalog.entities';
import { HqStaffMember } from './staff/hq-staff.entities';
import { OverrideScope, scopeChain } from './catalog/override-precedence';
import { HqSite } from './hq-site.entity';
import { HqSiteGroup, HqSiteMembership } from './hq-site-group.entity';

/** Capitals and digits no one misreads when reading a code out over the phone: no 0/O, no 1/I. */
const LINK_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 12 of 32 symbols: 60 random bits, tried at most 10 times per 10 minutes per address. */
const LINK_CODE_LENGTH = 12;
/** Long enough for a site's admin to link the next morning; a code unused by then is issued again. */
const LINK_CODE_TTL_MS = 24 * 3_600_000;

/** What the audit keeps of a site: never a code or a credential. */
const audited = (site: HqSite) => ({
  id: site.id,
  name: site.name,
  timezone: site.timezone,
  currency: site.currency,
  country: site.country,
  linkedAt: site.linkedAt?.toISOString() ?? null,
  credentialRevokedAt: site.credentialRevokedAt?.toISOString() ?? null,
});

/**
 * Headquarters' sites and site groups, and each site's link: a one-time link code the site trades for its
 * credential (POST /hq/link), the credential that identifies it from then on, and its revocation.
 */
@Injectable()
export class HqSitesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly liveBoard: HqLiveBoard,
    private readonly clock: Clock,
  ) {}

  async listSites(query: PageQuery): Promise<Page<HqSiteView>> {
    const [sites, total] = await this.database.reader.findAndCount(HqSite, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const groups = await this.groupIdsOf(sites.map((site) => site.id));
    return pageOf(
      sites.map((site) => HqSiteView.of(site, groups.get(site.id) ?? [])),
      total,
      query,
    );
  }

  async site(id: string): Promise<HqSiteView> {
    const site = await this.database.reader.findOne(HqSite, { where: { id } });
    if (!site) throw DomainError.notFound('Site');
    return HqSiteView.of(site, (await this.groupIdsOf([id])).get(id) ?? []);
  }

  createSite(principal: Principal, input: CreateHqSiteInput): Promise<HqLinkCodeView> {
    return this.database.transaction(async (tx) => {
      const groupIds = [...new Set(input.groupIds ?? [])];
      await this.mustExist(tx, groupIds, 'groupIds');
      const now = this.clock.now();
      const linkCode = newLinkCode();
      const site = Object.assign(new HqSite(), {
        id: randomUUID(),
        name: input.name,
        address: input.address,
        taxId: input.taxId,
        timezone: input.timezone,
        currency: input.currency,
        country: input.country,
        linkCodeHash: sha256Hex(linkCode),
        linkCodeExpiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
        credentialHash: null,
        linkedAt: null,
        credentialRevokedAt: null,
        siteIdentity: null,
        lastContactAt: null,
        salesCursor: 0,
        salesStream: null,
        salesReceivedAt: null,
        salesPendingBatches: 0,
        salesPendingSince: null,
        salesRefusal: null,
        salesRefusedAt: null,
        currentBusinessDay: null,
        catalogVersion: null,
        catalogAppliedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, HqSite, site);
      const memberships = groupIds.map((groupId, position) =>
        Object.assign(new HqSiteMembership(), { siteId: site.id, groupId, position }),
      );
      await this.database.insertRows(tx, HqSiteMembership, memberships);
      await this.audit.record(tx, principal, {
        action: 'hq_site.created',
        entityType: 'hq_site',
        entityId: site.id,
        after: { ...audited(site), groupIds },
      });
      return {
        site: HqSiteView.of(site, groupIds),
        linkCode,
        linkCodeExpiresAt: site.linkCodeExpiresAt.toISOString(),
      };
    });
  }

  /** A new link code (the first expired, or the site is to be linked again): the code before it is dead. */
  issueLinkCode(principal: Principal, id: string): Promise<HqLinkCodeView> {
    return this.database.transaction(async (tx) => {
      const site = await this.lockedSite(tx, id);
      const linkCode = newLinkCode();
      const now = this.clock.now();
      Object.assign(site, {
        linkCodeHash: sha256Hex(linkCode),
        linkCodeExpiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
        updatedAt: now,
      });
      await this.saveSite(tx, principal, site, 'hq_site.link_code_issued');
      const groupIds = (await this.groupIdsOf([id], tx)).get(id) ?? [];
      return {
        site: HqSiteView.of(site, groupIds),
        linkCode,
        linkCodeExpiresAt: site.linkCodeExpiresAt!.toISOString(),
      };
    });
  }

  /** The site's credential dies: its next call to headquarters answers 401, until it links with a new code. */
  revokeCredential(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const site = await this.lockedSite(tx, id);
      if (!site.credentialHash) throw DomainError.notFound('Site credential');
      const before = audited(site);
      const now = this.clock.now();
      Object.assign(site, { credentialHash: null, credentialRevokedAt: now, updatedAt: now });
      await this.saveSite(tx, principal, site, 'hq_site.credential_revoked', before);
    });
  }

  /**
   * A site trades its live link code for its credential, once: the code is spent, and a credential the site held
   * before dies. A wrong, spent or expired code is one answer (422), so the reply tells nothing more. A site that
   * sends its own identity keeps it (it has sold), and the site's view shows where it differs.
   */
  link(input: SiteLinkInput): Promise<SiteCredentialView> {
    const code = input.code.replace(/[\s-]/g, '').toUpperCase();
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const site = await tx.manager.findOne(HqSite, {
        where: { linkCodeHash: sha256Hex(code), linkCodeExpiresAt: MoreThan(now) },
        ...this.database.forUpdate,
      });
      if (!site)
        throw DomainError.invalidField('code', 'is wrong, spent or expired: ask headquarters for a new one');
      const credential = `site_${randomBytes(32).toString('base64url')}`;
      Object.assign(site, {
        linkCodeHash: null,
        linkCodeExpiresAt: null,
        credentialHash: sha256Hex(credential),
        credentialRevokedAt: null,
        siteIdentity: input.identity ?? null,
        linkedAt: now,
        lastContactAt: now,
        updatedAt: now,
      });
      await this.saveSite(tx, null, site, 'hq_site.linked');
      const { name, address, taxId, timezone, currency, country } = site;
      return { siteId: site.id, name, address, taxId, timezone, currency, country, credential };
    });
  }

  /**
   * A linked site's contact: headquarters records when it last heard from it, and the business day it trades in
   * (a new day starts its row of the live board); 401 for any other credential.
   */
  contact(credential: string | undefined, businessDay?: string): Promise<SiteContactView> {
    return this.database.transaction(async (tx) => {
      const site = await this.heardFrom(tx, credential, businessDay);
      const newest = { select: { version: true }, order: { version: 'DESC' as const }, take: 1 };
      const [publication] = await tx.manager.find(HqPublication, newest);
      const [person] = await tx.manager.find(HqStaffMember, newest);
      return {
        siteId: site.id,
        name: site.name,
        contactAt: site.lastContactAt!.toISOString(),
        catalogVersion: publication?.version ?? null,
        staffVersion: person?.version ?? 0,
      };
    });
  }

  /**
   * The site whose credential this is, locked in `tx` with its contact recorded: every call of a site goes through
   * here, so calls of one site run one after another. 401 for a missing, unknown or revoked credential.
   */
  async heardFrom(tx: Tx, credential: string | undefined, businessDay?: string): Promise<HqSite> {
    const site = credential
      ? await tx.manager.findOne(HqSite, {
          where: { credentialHash: sha256Hex(credential) },
          ...this.database.forUpdate,
        })
      : null;
    if (!site) {
      throw new DomainError(ErrorCode.Unauthorized, 'Missing, unknown or revoked X-Site-Credential');
    }
    site.lastContactAt = this.clock.now();
    const dayBegan = businessDay !== undefined && this.tradesIn(site, businessDay);
    await this.database.updateRows(tx, HqSite, site);
    if (dayBegan) await this.liveBoard.announce(tx, site.id);
    return site;
  }

  /**
   * Notes that `site` trades in `businessDay`, unless it said a later day before (a backlog of yesterday's
   * facts arrives after today's contact); answers whether its day moved. Write the site after.
   */
  tradesIn(site: HqSite, businessDay: string): boolean {
    if (site.currentBusinessDay !== null && site.currentBusinessDay >= businessDay) return false;
    site.currentBusinessDay = businessDay;
    return true;
  }

  /** Writes what a call of `site` (locked by heardFrom in `tx`) changed of it: its sales cursor, its catalog. */
  async recordCall(tx: Tx, site: HqSite): Promise<void> {
    await this.database.updateRows(tx, HqSite, site);
  }

  async listGroups(query: PageQuery): Promise<Page<HqSiteGroupView>> {
    const [groups, total] = await this.database.reader.findAndCount(HqSiteGroup, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(groups.map(HqSiteGroupView.of), total, query);
  }

  createGroup(principal: Principal, input: CreateHqSiteGroupInput): Promise<HqSiteGroupView> {
    return this.database.transaction(async (tx) => {
      if (input.parentId) await this.mustExist(tx, [input.parentId], 'parentId');
      const group = Object.assign(new HqSiteGroup(), {
        id: randomUUID(),
        name: input.name,
        parentId: input.parentId ?? null,
        createdAt: this.clock.now(),
      });
      await this.database.insertRows(tx, HqSiteGroup, group);
      const view = HqSiteGroupView.of(group);
      await this.audit.record(tx, principal, {
        action: 'hq_site_group.created',
        entityType: 'hq_site_group',
        entityId: group.id,
        after: view,
      });
      return view;
    });
  }

  /** Writes the site's changed row and its audit entry (`before`: what the audit keeps of it before, if asked). */
  private async saveSite(
    tx: Tx,
    principal: Principal | null,
    site: HqSite,
    action: AuditAction,
    before?: ReturnType<typeof audited>,
  ): Promise<void> {
    await this.database.updateRows(tx, HqSite, site);
    await this.audit.record(tx, principal, {
      action,
      entityType: 'hq_site',
      entityId: site.id,
      before,
      after: audited(site),
    });
  }

  /** The scopes whose overrides reach the site, most specific first (see scopeChain); 404 for no such site. */
  async scopeChainOf(siteId: string, tx?: Tx): Promise<OverrideScope[]> {
    const manager = tx?.manager ?? this.database.reader;
    if (!(await manager.exists(HqSite, { where: { id: siteId } }))) throw DomainError.notFound('Site');
    const groups = await manager.find(HqSiteGroup, { select: { id: true, parentId: true } });
    const parents = new Map(groups.map((group) => [group.id, group.parentId]));
    return scopeChain(siteId, (await this.groupIdsOf([siteId], tx)).get(siteId) ?? [], parents);
  }

  /** 422 naming `field` unless the scope is exactly one site or group that exists. */
  async mustBeScope(tx: Tx, scope: { siteId?: string; groupId?: string }, field: string): Promise<void> {
    if ((scope.siteId === undefined) === (scope.groupId === undefined)) {
      throw DomainError.invalidField(field, 'must name exactly one of siteId and groupId');
    }
    if (scope.groupId) return this.mustExist(tx, [scope.groupId], `${field}.groupId`);
    if (!(await tx.manager.exists(HqSite, { where: { id: scope.siteId } }))) {
      throw DomainError.invalidField(`${field}.siteId`, 'is no site');
    }
  }

  private async lockedSite(tx: Tx, id: string): Promise<HqSite> {
    const site = await tx.manager.findOne(HqSite, { where: { id }, ...this.database.forUpdate });
    if (!site) throw DomainError.notFound('Site');
    return site;
  }

  /** 422 naming the first of `groupIds` that is no group (`field[i]` for a list, `field` for one). */
  private async mustExist(tx: Tx, groupIds: string[], field: string): Promise<void> {
    if (groupIds.length === 0) return;
    const found = new Set(
      (await tx.manager.find(HqSiteGroup, { where: { id: In(groupIds) }, select: { id: true } })).map(
        (group) => group.id,
      ),
    );
    const missing = groupIds.findIndex((id) => !found.has(id));
    if (missing === -1) return;
    const name = field === 'parentId' || field.endsWith('.groupId') ? field : `${field}[${missing}]`;
    throw DomainError.invalidField(name, 'is no site group');
  }

  private async groupIdsOf(siteIds: string[], tx?: Tx): Promise<Map<string, string[]>> {
    const manager = tx?.manager ?? this.database.reader;
    const rows =
      siteIds.length === 0
        ? []
        : await manager.find(HqSiteMembership, {
            where: { siteId: In(siteIds) },
            order: { siteId: 'ASC', position: 'ASC' },
          });
    const groups = new Map<string, string[]>();
    for (const row of rows) groups.set(row.siteId, [...(groups.get(row.siteId) ?? []), row.groupId]);
    return groups;
  }
}

function newLinkCode(): string {
  return Array.from(
    { length: LINK_CODE_LENGTH },
    () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)],
  ).join('');
}
