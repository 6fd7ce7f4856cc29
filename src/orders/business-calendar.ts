import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { businessDayOf, businessDayStart } from './business-day';

/** The restaurant's business days under its configuration (RESTAURANT_TIMEZONE, BUSINESS_DAY_STARTS_AT). */
@Injectable()
export class BusinessCalendar {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get timeZone(): string {
    return this.config.restaurantTimezone;
  }

  get startsAt(): string {
    return this.config.businessDayStartsAt;
  }

  dayOf(instant: Date): string {
    return businessDayOf(instant, this.timeZone, this.startsAt);
  }

  /** The business day now: the open one. */
  today(): string {
    return this.dayOf(this.clock.now());
  }

  /** The instant `day` starts. */
  startOf(day: string): Date {
    return businessDayStart(day, this.timeZone, this.startsAt);
  }
}
