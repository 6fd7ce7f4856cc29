import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { RestaurantInput, RestaurantView } from './dto/restaurant.dto';
import { RestaurantProfile, stateOfRow } from './restaurant-profile';
import { PROFILE_ROW_ID, RestaurantProfileRow } from './restaurant-profile.entity';
import { MoneyRecords } from './money-records';
import { audienceOf } from '../event-log/event-audiences';

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
      const before = RestaurantView.of(row, sold);
      const fixed = FIXED_BY_MONEY.filter((field) => input[field] !== row[field]);
      if (sold && fixed.length > 0) {
        throw new DomainError(
          ErrorCode.ProfileLocked,
          `The ${fixed.join(' and ')} cannot change: the restaurant has sold already (money is recorded: a payment, ` +
            `a gift card, a cash drawer or a closed day), and its business days, receipts, card balances and ` +
            `fiscal records are in the ${fixed.join(' and ')} they were made in`,
        );
      }
      Object.assign(row, pickDetails(input), { version: row.version + 1, updatedAt: this.clock.now() });
      if (input.overtime) {
        row.overtimeDailyAfterMinutes = input.overtime.dailyAfterMinutes ?? null;
        row.overtimeWeeklyAfterMinutes = input.overtime.weeklyAfterMinutes ?? null;
      }
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
      return { view: after, row };
    });
    // This instance answers with the new profile at once, before the event has come round its feed.
    this.profile.keep(stateOfRow(row));
    return view;
  }
}

function pickDetails(input: RestaurantInput) {
  const { name, address, taxId, timezone, currency, country, locale } = input;
  return { name, address, taxId, timezone, currency, country, locale };
}
