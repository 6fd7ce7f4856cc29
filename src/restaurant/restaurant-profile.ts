import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { AppConfig, RestaurantDetails } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { languageOf } from '../i18n/languages';
import { PROFILE_ROW_ID, RestaurantProfileRow } from './restaurant-profile.entity';
import { RESTAURANT_LANGUAGE_CHANGED } from './restaurant-facts';
import { SEED_LANGUAGE } from './seeded-names';

/** The identity headquarters gives a site when it adds it: all of the profile but the pages' language. */
export type SiteIdentity = Omit<RestaurantDetails, 'locale'>;

/** The identity's fields of a profile, or of what headquarters answered, and nothing else. */
export function siteIdentityOf(from: SiteIdentity): SiteIdentity {
  const { name, address, taxId, timezone, currency, country } = from;
  return { name, address, taxId, timezone, currency, country };
}

/** The profile as every instance keeps it: the details and the version they are at. */
export interface RestaurantProfileState {
  details: RestaurantDetails;
  version: number;
}

/**
 * The restaurant's profile in memory, read synchronously by whatever prints, books or formats (a receipt, the
 * business day, a page's language). Seeded from the settings on the first start (the row is inserted unless one
 * is there, so instances starting together agree); loaded at start; then replaced by `restaurant.updated` as it
 * passes through the event feed, on every instance, carrying the whole profile, so no read is needed.
 */
@Injectable()
export class RestaurantProfile implements OnModuleInit, OnApplicationBootstrap {
  private state!: RestaurantProfileState;
  /** Whether this start inserted the profile: its language then names the rows the migrations seeded in English. */
  private seededNow = false;

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.feed.subscribe((event) => {
      if (event.type === EventType.RestaurantUpdated) this.keep(stateOfEvent(event.data));
    });
    await this.database.transaction(async (tx) => {
      await this.seed(tx.manager);
    });
    await this.load();
  }

  /**
   * Read once more after the feed has found its place in the log (its module bootstraps before this one): a
   * change another instance committed between the first read and then reaches this one through neither.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.nameSeededRows();
    await this.load();
  }

  /**
   * A restaurant that starts in another language than the migrations' gets its seeded rows (the payment methods)
   * in its own: raised once every module has registered its handlers, which is why not in onModuleInit.
   */
  private async nameSeededRows(): Promise<void> {
    const to = languageOf(this.config.restaurantSeed.locale) ?? SEED_LANGUAGE;
    if (!this.seededNow || to === SEED_LANGUAGE) return;
    this.seededNow = false;
    await this.database.transaction((tx) => {
      this.eventLog.raise(tx, RESTAURANT_LANGUAGE_CHANGED, { from: SEED_LANGUAGE, to, by: null });
      return Promise.resolve();
    });
  }

  get details(): RestaurantDetails {
    return this.state.details;
  }

  get name(): string {
    return this.state.details.name;
  }

  get timezone(): string {
    return this.state.details.timezone;
  }

  get currency(): string {
    return this.state.details.currency;
  }

  get locale(): string {
    return this.state.details.locale;
  }

  /** Takes a profile the caller read or committed: the newest version wins, whatever the order they arrive in. */
  keep(state: RestaurantProfileState): void {
    if (!this.state || state.version > this.state.version) this.state = state;
  }

  private async seed(manager: EntityManager): Promise<void> {
    // Two instances starting together may both see none: the renames they raise are the same, and the second finds
    // nothing left to rename.
    this.seededNow = !(await manager.existsBy(RestaurantProfileRow, { id: PROFILE_ROW_ID }));
    await manager
      .createQueryBuilder()
      .insert()
      .into(RestaurantProfileRow)
      .values({ id: PROFILE_ROW_ID, ...this.config.restaurantSeed, version: 1, updatedAt: this.clock.now() })
      .orIgnore()
      .execute();
  }

  private async load(): Promise<void> {
    const row = await this.database.reader.findOneByOrFail(RestaurantProfileRow, { id: PROFILE_ROW_ID });
    this.keep(stateOfRow(row));
  }
}

export function stateOfRow(row: RestaurantProfileRow): RestaurantProfileState {
  const { name, address, taxId, timezone, currency, country, locale } = row;
  return { details: { name, address, taxId, timezone, currency, country, locale }, version: row.version };
}

/** `restaurant.updated`'s data: the profile as GET /restaurant answers it, with its version. */
function stateOfEvent(data: Record<string, unknown>): RestaurantProfileState {
  const profile = data as unknown as RestaurantDetails & { version: number };
  const { name, address, taxId, timezone, currency, country, locale } = profile;
  return { details: { name, address, taxId, timezone, currency, country, locale }, version: profile.version };
}
