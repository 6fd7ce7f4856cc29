import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { RenderedBody, renderBody } from '../../common/http/revalidated';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { EventLog } from '../../event-log/event-log.service';
import { EventType } from '../../event-log/event-type';
import { HqSite } from '../hq-site.entity';
import { HqSitesService } from '../hq-sites.service';
import { CatalogReportInput } from './dto/catalog-report.inputs';
import { PublishInput } from './dto/hq-catalog.inputs';
import { PublicationView, SiteCatalogView } from './dto/hq-catalog.views';
import { documentOf, effectiveCatalog } from './effective-catalog';
import { HqPublication, HqPublicationSite } from './hq-catalog.entities';
import { HqCatalogService } from './hq-catalog.service';
import { scopeKeyOf } from './override-precedence';
import { audienceOf } from '../../event-log/event-audiences';

/** Rendered pulls kept: a publication's body for each distinct chain of scopes (sites of one group share one). */
const RENDERED_KEPT = 500;

/**
 * Publications of the catalog: each freezes the master catalog and its overrides as a version; every site pulls
 * its effective catalog of the latest (GET /hq/site/catalog, revalidated by ETag), applies it in one transaction
 * and reports it, which headquarters keeps per site (pending, applied, failed with the reason) and tells its
 * managers' screens (`hq.publication_changed`).
 */
@Injectable()
export class HqPublicationsService {
  /** Bodies by publication and chain: a pull of a publication already rendered for that chain costs no work. */
  private readonly rendered = new Map<string, RenderedBody>();

  constructor(
    private readonly database: Database,
    private readonly catalog: HqCatalogService,
    private readonly sites: HqSitesService,
    private readonly audit: AuditLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  publish(principal: Principal, input: PublishInput): Promise<PublicationView> {
    return this.database.transaction(async (tx) => {
      // Two publications at once would take the same version: they take turns.
      await this.database.serialise(tx, 'hq_publications');
      await this.catalog.writing(tx);
      const [latest] = await tx.manager.find(HqPublication, {
        select: { version: true },
        order: { version: 'DESC' },
        take: 1,
      });
      const now = this.clock.now();
      const publication = Object.assign(new HqPublication(), {
        id: randomUUID(),
        version: (latest?.version ?? 0) + 1,
        note: input.note,
        snapshot: await this.catalog.snapshot(tx.manager),
        createdAt: now,
      });
      await this.database.insertRows(tx, HqPublication, publication);
      const sites = await tx.manager.find(HqSite, { select: { id: true } });
      await this.database.insertRows(
        tx,
        HqPublicationSite,
        sites.map((site) =>
          Object.assign(new HqPublicationSite(), {
            publicationId: publication.id,
            siteId: site.id,
            state: 'pending' as const,
            reason: null,
            problems: null,
            updatedAt: now,
          }),
        ),
      );
      await this.audit.record(tx, principal, {
        action: 'hq_publication.created',
        entityType: 'hq_publication',
        entityId: publication.id,
        after: { version: publication.version, note: publication.note, sites: sites.length },
      });
      return this.announce(tx, publication);
    });
  }

  async publication(id: string): Promise<PublicationView> {
    const publication = await this.database.reader.findOne(HqPublication, { where: { id } });
    if (!publication) throw DomainError.notFound('Publication');
    return this.viewOf(publication);
  }

  async list(query: PageQuery): Promise<Page<PublicationView>> {
    const [publications, total] = await this.database.reader.findAndCount(HqPublication, {
      order: { version: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    const views = [];
    for (const publication of publications) views.push(await this.viewOf(publication));
    return pageOf(views, total, query);
  }

  /** The latest publication's effective catalog for the calling site, rendered once per chain of scopes. */
  pull(credential: string | undefined): Promise<RenderedBody> {
    return this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const [latest] = await tx.manager.find(HqPublication, { order: { version: 'DESC' }, take: 1 });
      if (!latest) throw DomainError.notFound('Publication');
      const chain = await this.sites.scopeChainOf(site.id, tx);
      // The site's own scope is part of the key: an override of it makes its catalog its own.
      const key = `${latest.id}:${chain.map(scopeKeyOf).join(',')}`;
      let body = this.rendered.get(key);
      if (!body) {
        const view: SiteCatalogView = {
          publicationId: latest.id,
          version: latest.version,
          catalog: documentOf(effectiveCatalog(latest.snapshot, chain)),
        };
        body = renderBody(view);
        if (this.rendered.size >= RENDERED_KEPT) this.rendered.clear();
        this.rendered.set(key, body);
      }
      return body;
    });
  }

  /** A site's report of a publication it pulled: applied (its catalog version moves up to it) or failed, and why. */
  report(credential: string | undefined, input: CatalogReportInput): Promise<void> {
    return this.database.transaction(async (tx) => {
      const site = await this.sites.heardFrom(tx, credential);
      const publication = await tx.manager.findOne(HqPublication, {
        where: { id: input.publicationId },
        select: { id: true, version: true, note: true, createdAt: true },
      });
      if (!publication) throw DomainError.invalidField('publicationId', 'is no publication');
      // Sites' reports of one publication take turns, so each event's counts include every report before it.
      await this.database.serialise(tx, `hq_publication:${publication.id}`);
      const now = this.clock.now();
      const row = Object.assign(new HqPublicationSite(), {
        publicationId: publication.id,
        siteId: site.id,
        state: input.state,
        reason: input.state === 'failed' ? (input.reason ?? 'no reason given') : null,
        problems: input.state === 'applied' && input.problems?.length ? input.problems : null,
        updatedAt: now,
      });
      await tx.manager.delete(HqPublicationSite, { publicationId: publication.id, siteId: site.id });
      await this.database.insertRows(tx, HqPublicationSite, row);
      if (input.state === 'applied' && (site.catalogVersion ?? 0) < publication.version) {
        site.catalogVersion = publication.version;
        site.catalogAppliedAt = now;
        await this.sites.recordCall(tx, site);
      }
      await this.announce(tx, publication);
    });
  }

  /** `hq.publication_changed` with the publication's counts as they stand in `tx`; answers its view. */
  private async announce(tx: Tx, publication: HqPublication): Promise<PublicationView> {
    const view = await this.viewOf(publication, tx);
    const { id, version, applied, pending, failed } = view;
    this.eventLog.append(tx, {
      type: EventType.HqPublicationChanged,
      data: { publicationId: id, version, applied, pending, failed },
      audience: audienceOf(EventType.HqPublicationChanged),
    });
    return view;
  }

  private async viewOf(publication: HqPublication, tx?: Tx): Promise<PublicationView> {
    const manager = tx?.manager ?? this.database.reader;
    const rows = await manager.find(HqPublicationSite, { where: { publicationId: publication.id } });
    const siteRows =
      rows.length === 0
        ? []
        : await manager.find(HqSite, {
            where: { id: In(rows.map((row) => row.siteId)) },
            select: { id: true, name: true },
          });
    const names = new Map(siteRows.map((site) => [site.id, site.name]));
    const sites = rows
      .map((row) => ({
        siteId: row.siteId,
        name: names.get(row.siteId) ?? '',
        state: row.state,
        reason: row.reason,
        problems: row.problems ?? [],
        updatedAt: row.updatedAt.toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.siteId.localeCompare(b.siteId));
    const count = (state: string) => sites.filter((site) => site.state === state).length;
    return {
      id: publication.id,
      version: publication.version,
      note: publication.note,
      createdAt: publication.createdAt.toISOString(),
      applied: count('applied'),
      pending: count('pending'),
      failed: count('failed'),
      sites,
    };
  }
}
