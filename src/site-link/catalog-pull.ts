import { Injectable, Logger } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUUID } from 'class-validator';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { MAX_CATALOG_ROW_PROBLEMS } from '../hq/catalog/dto/catalog-report.inputs';
import type { SiteCatalogView } from '../hq/catalog/dto/hq-catalog.views';
import { HqCatalogApplier } from '../menu/hq-catalog/hq-catalog-applier';
import type { HqCatalogDocument, HqCatalogRowProblem } from '../menu/hq-catalog/hq-catalog-document';
import { setAside } from './catalog-rows';
import { PriceLevelsService } from '../pricing/price-levels.service';
import { HqLinkRow } from './hq-link.entity';
import { HqCallFailure } from './hq-client';
import { linkInTurn } from './link-turn';
import type { LiveLink } from './site-link.service';

type CatalogOutcome = Pick<
  HqLinkRow,
  | 'catalogPublicationId'
  | 'catalogVersion'
  | 'catalogEtag'
  | 'catalogState'
  | 'catalogProblem'
  | 'catalogProblems'
  | 'catalogPulledAt'
  | 'catalogReported'
>;

/**
 * The site's side of headquarters' catalog: when a contact names a publication newer than the one it pulled last,
 * the site pulls its effective catalog (If-None-Match), applies it to its menu in one transaction with the record
 * of the version, and reports it. A row the menu refuses (a variation's name one of the site's own has, an order
 * type its own price level prices) is set aside as a problem named on that row, its rows at the site left as they
 * are, and everything else applies; a document whose refusal names no row is refused whole (nothing applied, the
 * reason kept). A report headquarters did not hear is sent again at the next contact.
 */
@Injectable()
export class CatalogPull {
  private readonly logger = new Logger(CatalogPull.name);

  constructor(
    private readonly database: Database,
    private readonly applier: HqCatalogApplier,
    private readonly priceLevels: PriceLevelsService,
    private readonly clock: Clock,
  ) {}

  /** After a contact that said the latest publication's version (null: none yet). */
  async follow(link: LiveLink, row: HqLinkRow, latestVersion: number | null): Promise<void> {
    if (latestVersion !== null && (row.catalogVersion ?? 0) < latestVersion) {
      row = await this.pull(link, row);
    }
    if (row.catalogVersion !== null && !row.catalogReported) await this.report(link, row);
  }

  private async pull(link: LiveLink, row: HqLinkRow): Promise<HqLinkRow> {
    const pulled = await link.client.pullCatalog(link.credential, row.catalogEtag);
    if (!pulled) return row;
    const { publicationId, version, catalog } = publicationOf(pulled.catalog);
    const outcome = (
      state: 'applied' | 'failed',
      problem: string | null,
      problems: HqCatalogRowProblem[] = [],
    ): CatalogOutcome => ({
      catalogPublicationId: publicationId,
      catalogVersion: version,
      catalogEtag: pulled.etag,
      catalogState: state,
      catalogProblem: problem,
      catalogProblems: problems.length > 0 ? problems : null,
      catalogPulledAt: this.clock.now(),
      catalogReported: false,
    });
    let document: HqCatalogDocument = catalog;
    const held = new Set<string>();
    const problems: HqCatalogRowProblem[] = [];
    for (;;) {
      try {
        return await this.database.transaction(async (tx) => {
          const current = await linkInTurn(this.database, tx, link, 'site-link.catalog');
          // Linked again meanwhile, or this version (or a later one) applied by another instance: nothing to do.
          if (!current || (current.catalogVersion ?? 0) >= version) return current ?? row;
          await this.applier.apply(tx, document, held);
          // Levels price the variations the menu has just made, so they follow it in the same transaction.
          await this.priceLevels.applyHq(tx, document.priceLevels ?? [], held);
          return this.record(tx.manager, link, outcome('applied', null, problems));
        });
      } catch (error) {
        // Only the menu's refusal is the publication's; anything else (the database away) is tried again.
        if (!(error instanceof DomainError)) throw error;
        // The rows it names are set aside and the rest is applied again without them (each round sets at least
        // one aside); a refusal that names no row refuses the document whole.
        const named = error.code === ErrorCode.ValidationError ? (error.details as FieldProblem[]) : [];
        const aside = setAside(document, named);
        if (!aside || aside.rows.length === 0) {
          this.logger.warn(`The catalog of publication ${version} was refused: ${error.message}`);
          return this.database.transaction((tx) =>
            this.record(tx.manager, link, outcome('failed', error.message)),
          );
        }
        this.logger.warn(`Publication ${version}: rows set aside: ${error.message}`);
        document = aside.document;
        aside.held.forEach((key) => held.add(key));
        problems.push(...aside.rows);
      }
    }
  }

  private async report(link: LiveLink, row: HqLinkRow): Promise<void> {
    if (!row.catalogPublicationId) return;
    await link.client.reportCatalog(link.credential, {
      publicationId: row.catalogPublicationId,
      state: row.catalogState ?? 'failed',
      ...(row.catalogProblem ? { reason: row.catalogProblem.slice(0, 1000) } : {}),
      ...(row.catalogProblems?.length
        ? { problems: row.catalogProblems.slice(0, MAX_CATALOG_ROW_PROBLEMS) }
        : {}),
    });
    await this.database.transaction((tx) => this.record(tx.manager, link, { catalogReported: true }));
  }

  private async record(
    manager: Database['reader'],
    link: LiveLink,
    outcome: Partial<CatalogOutcome>,
  ): Promise<HqLinkRow> {
    // Linked again meanwhile (another credential): this outcome is not the new link's.
    await manager.update(HqLinkRow, { id: 1, siteId: link.siteId, linkedAt: link.linkedAt }, outcome);
    return await manager.findOneOrFail(HqLinkRow, { where: { id: 1 } });
  }
}

/**
 * The publication headquarters answered, or HqCallFailure naming what is wrong with it (a forged or broken answer):
 * without its id and version the site can neither record nor report it, so the link's contact notes the problem.
 */
function publicationOf(answer: unknown): SiteCatalogView {
  const { publicationId, version, catalog } = (answer ?? {}) as Record<string, unknown>;
  const wrong = [
    typeof publicationId === 'string' && isUUID(publicationId) ? null : 'publicationId',
    Number.isSafeInteger(version) && (version as number) > 0 ? null : 'version',
    typeof catalog === 'object' && catalog !== null ? null : 'catalog',
  ].filter((field) => field !== null);
  if (wrong.length === 0) return answer as SiteCatalogView;
  throw new HqCallFailure(
    `headquarters answered a publication without a valid ${wrong.join(', ')}`,
    null,
    null,
  );
}
