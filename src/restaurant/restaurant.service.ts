import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import type { RestaurantDetails } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { RestaurantInput, RestaurantView } from './dto/restaurant.dto';
import { RestaurantProfile, SiteIdentity, stateOfRow } from './restaurant-profile';
import { PROFILE_ROW_ID, RestaurantProfileRow } from './restaurant-profile.entity';
import { MoneyRecords } from './money-records';
import { audienceOf } from '../event-log/event-audiences';
import { languageOf } from '../i18n/languages';
import { RESTAURANT_LANGUAGE_CHANGED } from './restaurant-facts';
import { SEED_LANGUAGE } from './seeded-names';

/** What the first money recorded fixes, with why, for the 409. */
const FIXED_BY_MONEY = ['timezone', 'currency'] as const;

@Injectable()
export class RestaurantService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly profile: RestaurantProfile,
    private readonly moneyRecords: MoneyRecords,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<RestaurantView> {
    const reader = this.database.reader;
    const [row, sold] = await Promise.all([
      reader.findOneByOrFail(RestaurantProfileRow, { id: PROFILE_ROW_ID }),
      this.moneyRecords.exist(reader),
    ]);
    return RestaurantView.of(row, sold);
  }

  /**
   * Replaces the profile. The time zone and the currency are refused once any money is recorded (a payment, a gift
   * card, a drawer, a closed day): business days, receipts, card balances and the fiscal export are in them.
   */
  async replace(principal: Principal, input: RestaurantInput): Promise<RestaurantView> {
    const { view, row } = await this.database.transaction(async (tx) => {
      const row = await tx.manager.findOneOrFail(RestaurantProfileRow, {
        where: { id: PROFILE_ROW_ID },
        ...this.database.forUpdate,
      });
      const sold = await this.moneyRecords.exist(tx.manager);
      const fixed = FIXED_BY_MONEY.filter((field) => input[field] !== row[field]);
      if (sold && fixed.length > 0) {
        throw new DomainError(
          ErrorCode.ProfileLocked,
          `The ${fixed.join(' and ')} cannot change: the restaurant has sold already (money is recorded: a payment, ` +
            `a gift card, a cash drawer or a closed day), and its business days, receipts, card balances and ` +
            `fiscal records are in the ${fixed.join(' and ')} they were made in`,
        );
      }
      const after = await this.write(tx, principal, row, sold, {
        ...pickDetails(input),
        ...overtimeOf(input),
      });
      return { view: after, row };
    });
    // This instance answers with the new profile at once, before the event has come round its feed.
    this.profile.keep(stateOfRow(row));
    return view;
  }

  /**
   * A site linked to headquarters starts with the identity headquarters gave it, unless it has sold already (its
   * time zone and currency are history then, and the profile it has is the one its records were made in): then
   * it keeps its own, and headquarters shows the difference. Answers whether the identity was taken; the caller
   * keeps the new profile in memory (`keepRow`) once `tx` committed.
   */
  async adoptIdentity(
    tx: Tx,
    principal: Principal,
    identity: SiteIdentity,
  ): Promise<RestaurantProfileRow | null> {
    const row = await tx.manager.findOneOrFail(RestaurantProfileRow, {
      where: { id: PROFILE_ROW_ID },
      ...this.database.forUpdate,
    });
    if (await this.moneyRecords.exist(tx.manager)) return null;
    await this.write(tx, principal, row, false, { ...identity, locale: row.locale });
    return row;
  }

  /** Whether money is recorded: a site that has sold keeps its own identity when it links (adoptIdentity). */
  hasSold(): Promise<boolean> {
    return this.moneyRecords.exist(this.database.reader);
  }

  keepRow(row: RestaurantProfileRow): void {
    this.profile.keep(stateOfRow(row));
  }

  /** Writes `details` to the locked `row` with its event and audit entry; answers the profile after. */
  private async write(
    tx: Tx,
    principal: Principal,
    row: RestaurantProfileRow,
    sold: boolean,
    details: RestaurantDetails & OvertimeColumns,
  ): Promise<RestaurantView> {
    const before = RestaurantView.of(row, sold);
    const [from, to] = [before.locale, details.locale].map((locale) => languageOf(locale) ?? SEED_LANGUAGE);
    if (from !== to) this.eventLog.raise(tx, RESTAURANT_LANGUAGE_CHANGED, { from, to, by: principal });
    Object.assign(row, details, { version: row.version + 1, updatedAt: this.clock.now() });
    await tx.manager.save(row);
    const after = RestaurantView.of(row, sold);
    this.eventLog.append(tx, {
      type: EventType.RestaurantUpdated,
      data: { ...after, version: row.version },
      audience: audienceOf(EventType.RestaurantUpdated),
    });
    await this.auditLog.record(tx, principal, {
      action: 'restaurant.updated',
      entityType: 'restaurant',
      entityId: String(PROFILE_ROW_ID),
      before,
      after,
    });
    return after;
  }
}

function pickDetails(input: RestaurantInput) {
  const { name, address, taxId, timezone, currency, country, locale } = input;
  return { name, address, taxId, timezone, currency, country, locale };
}

type OvertimeColumns = Partial<
  Pick<RestaurantProfileRow, 'overtimeDailyAfterMinutes' | 'overtimeWeeklyAfterMinutes'>
>;

/** The overtime rule when the input sets one (`{}` means none); left out, the profile keeps its rule. */
function overtimeOf(input: RestaurantInput): OvertimeColumns {
  if (!input.overtime) return {};
  return {
    overtimeDailyAfterMinutes: input.overtime.dailyAfterMinutes ?? null,
    overtimeWeeklyAfterMinutes: input.overtime.weeklyAfterMinutes ?? null,
  };
}
