import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { SecretBox } from '../common/crypto/secret-box';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { BusinessCalendar } from '../orders/business-calendar';
import { RestaurantProfile, siteIdentityOf } from '../restaurant/restaurant-profile';
import { RestaurantService } from '../restaurant/restaurant.service';
import { CatalogPull } from './catalog-pull';
import { HqLinkInput, HqLinkView } from './dto/hq-link.dto';
import { HqCallFailure, HqClient } from './hq-client';
import { HqLinkRow } from './hq-link.entity';
import { SITE_LINKED } from './site-link-facts';
import { StaffPull } from './staff-pull';

/** A live link, ready for a call to headquarters. */
export interface LiveLink {
  siteId: string;
  linkedAt: Date;
  /** This database's stream of sales facts (HqLinkRow.salesStream). */
  salesStream: string;
  client: HqClient;
  credential: string;
}

type ContactOutcome = Partial<Pick<HqLinkRow, 'state' | 'lastContactAt' | 'lastProblem' | 'lastProblemAt'>>;

/** The link's one row. */
const LINK_ID = 1;

/**
 * A site's side of its link to headquarters: an admin links it once with HQ's address and a link code, the site
 * keeps the credential it got for it (sealed), and contacts headquarters every HQ_CONTACT_SECONDS. A credential
 * headquarters refuses (revoked) turns the link `revoked`, which the site shows until it is linked again. The site
 * trades on its own all the while: nothing here is in the way of an order.
 */
@Injectable()
export class SiteLinkService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SiteLinkService.name);
  private readonly box: SecretBox;
  private timer: ReturnType<typeof setInterval> | null = null;
  private contacting: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
    private readonly calendar: BusinessCalendar,
    private readonly catalogPull: CatalogPull,
    private readonly staffPull: StaffPull,
    private readonly restaurant: RestaurantService,
    private readonly profile: RestaurantProfile,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role !== 'site') return;
    const row = await this.row();
    if (row?.state === 'linked') this.keepInContact();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.contacting;
  }

  async view(): Promise<HqLinkView> {
    const row = await this.row();
    if (!row) throw DomainError.notFound('Headquarters link');
    return HqLinkView.of(row);
  }

  /**
   * Trades the code at headquarters for the site's credential and keeps it. A site linked already is refused
   * (409) until headquarters revoked its credential; headquarters' refusal of the code is 422 naming `code`, and
   * an address where no headquarters answers is 422 naming `url`. Nothing is kept then. A site that has not sold
   * yet takes the identity headquarters gave it as its profile (name, address, tax number, time zone…).
   */
  async link(principal: Principal, input: HqLinkInput): Promise<HqLinkView> {
    const known = await this.row();
    if (known?.state === 'linked') {
      throw new DomainError(
        ErrorCode.Conflict,
        `This site is linked to ${known.hqUrl} already: headquarters revokes its credential before it links again`,
      );
    }
    const hqUrl = input.url.replace(/\/+$/, '');
    // A site that has sold keeps its own identity (RestaurantService.adoptIdentity) and tells headquarters so.
    const ownIdentity = (await this.restaurant.hasSold()) ? siteIdentityOf(this.profile.details) : undefined;
    const granted = await new HqClient(hqUrl)
      .link({ code: input.code, identity: ownIdentity })
      .catch((failure: unknown) => {
        throw refusalOf(failure);
      });
    const now = this.clock.now();
    const row = Object.assign(new HqLinkRow(), {
      id: LINK_ID,
      hqUrl,
      siteId: granted.siteId,
      siteName: granted.name,
      sealedCredential: this.box.seal(granted.credential, granted.siteId),
      state: 'linked' as const,
      linkedAt: now,
      salesStream: known?.salesStream ?? randomUUID(),
      lastContactAt: now,
      lastProblem: null,
      lastProblemAt: null,
      catalogPublicationId: null,
      catalogVersion: null,
      catalogEtag: null,
      catalogState: null,
      catalogProblem: null,
      catalogPulledAt: null,
      catalogReported: false,
      staffVersion: 0,
      staffProblems: null,
      staffProblemsReported: true,
    });
    const adopted = await this.database.transaction(async (tx) => {
      await tx.manager.delete(HqLinkRow, { id: LINK_ID });
      await this.database.insertRows(tx, HqLinkRow, row);
      await this.audit.record(tx, principal, {
        action: 'hq_link.linked',
        entityType: 'hq_link',
        entityId: granted.siteId,
        after: { hqUrl, siteId: granted.siteId, siteName: granted.name },
      });
      this.eventLog.raise(tx, SITE_LINKED, { siteId: granted.siteId });
      if (ownIdentity) return null;
      const { name, address, taxId, timezone, currency, country } = granted;
      return this.restaurant.adoptIdentity(tx, principal, {
        name,
        address,
        taxId,
        timezone,
        currency,
        country,
      });
    });
    if (adopted) this.restaurant.keepRow(adopted);
    this.keepInContact();
    return HqLinkView.of(row);
  }

  private keepInContact(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A contact that cannot even be recorded (the database down, the key changed) is logged and tried again.
      this.contacting ??= this.contact()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Contacting headquarters failed'))
        .finally(() => (this.contacting = null));
    }, this.config.hqContactMs);
    this.timer.unref();
  }

  /** Whether the site holds a live link (its credential not refused). */
  async isLinked(): Promise<boolean> {
    return (await this.row())?.state === 'linked';
  }

  /** The link with its credential opened, for a call to headquarters; null unless the site is linked. */
  async liveLink(): Promise<LiveLink | null> {
    const row = await this.row();
    if (row?.state !== 'linked') return null;
    return {
      siteId: row.siteId,
      linkedAt: row.linkedAt,
      salesStream: row.salesStream,
      client: new HqClient(row.hqUrl),
      credential: this.box.open(row.sealedCredential, row.siteId),
    };
  }

  /** Headquarters refused `link`'s credential (401): the link is revoked until an admin links the site again. */
  async refused(link: LiveLink, problem: string): Promise<void> {
    this.logger.warn(`Headquarters refused this site's credential: ${problem}`);
    await this.record(link, { state: 'revoked', lastProblem: problem, lastProblemAt: this.clock.now() });
  }

  /**
   * One contact: headquarters' answer, or why there was none, is written to the link row; then the catalog of a
   * newer publication is pulled and applied (CatalogPull), whose failure to reach headquarters is the contact's.
   */
  private async contact(): Promise<void> {
    const link = await this.liveLink();
    if (!link) return;
    const failed = (failure: unknown) => {
      const problem = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof HqCallFailure && failure.status === 401) return this.refused(link, problem);
      if (!(failure instanceof HqCallFailure)) throw failure;
      return this.record(link, { lastProblem: problem, lastProblemAt: this.clock.now() });
    };
    const answer = await link.client
      .contact(link.credential, this.calendar.today())
      .catch(async (failure) => {
        await failed(failure);
        return null;
      });
    if (!answer) return;
    await this.record(link, { lastContactAt: this.clock.now(), lastProblem: null, lastProblemAt: null });
    const row = await this.row();
    if (!row) return;
    // The directory first: a deactivation must not wait behind a large catalog.
    await this.staffPull.follow(link, row, answer.staffVersion).catch(failed);
    await this.catalogPull.follow(link, row, answer.catalogVersion).catch(failed);
  }

  private async record(link: LiveLink, outcome: ContactOutcome): Promise<void> {
    await this.database.transaction(async (tx) => {
      // Linked again meanwhile (another credential): this outcome is not the new link's.
      await tx.manager.update(
        HqLinkRow,
        { id: LINK_ID, siteId: link.siteId, linkedAt: link.linkedAt },
        outcome,
      );
    });
    if (outcome.state === 'revoked' && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private row(): Promise<HqLinkRow | null> {
    return this.database.reader.findOne(HqLinkRow, { where: { id: LINK_ID } });
  }
}

/** Headquarters' refusal, as this site's admin reads it: beside the code, or beside the address. */
function refusalOf(failure: unknown): DomainError {
  if (!(failure instanceof HqCallFailure)) return DomainError.invalidField('url', String(failure));
  const codeRefused = failure.error?.details?.some((problem) => problem.field === 'code');
  if (failure.status === 422 && codeRefused) {
    return DomainError.invalidField('code', 'headquarters refused it: wrong, spent or expired');
  }
  if (failure.status === 429) {
    return DomainError.invalidField(
      'code',
      'headquarters refused more attempts for now: try again in 10 minutes',
    );
  }
  return DomainError.invalidField('url', failure.message);
}
