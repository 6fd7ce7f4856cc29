import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { addDays, businessDayOf, businessDayStart } from './business-day';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/**
 * The restaurant's business days in its profile's time zone from BUSINESS_DAY_STARTS_AT, and the
 * open day: once a day is closed (its Z report taken), what is sold before the clock reaches the next day's start
 * belongs to the next day, so no sale lands on a closed day.
 */
@Injectable()
export class BusinessCalendar {
  /** The last business day closed, as the business days module says (at start, and as each close commits). */
  private closedThrough: string | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly clock: Clock,
  ) {}

  get timeZone(): string {
    return this.restaurant.timezone;
  }

  get startsAt(): string {
    return this.config.businessDayStartsAt;
  }

  /** The business day the clock puts `instant` in. */
  dayOf(instant: Date): string {
    return businessDayOf(instant, this.timeZone, this.startsAt);
  }

  /** The day a sale, payment or refund made at `instant` is booked on: its own, or the one after the last closed. */
  openDayAt(instant: Date): string {
    const day = this.dayOf(instant);
    return this.closedThrough !== null && day <= this.closedThrough ? addDays(this.closedThrough, 1) : day;
  }

  /** The business day open now: what is sold now is booked on it. */
  today(): string {
    return this.openDayAt(this.clock.now());
  }

  /** Days up to `day` are closed. */
  closedUpTo(day: string): void {
    if (this.closedThrough === null || day > this.closedThrough) this.closedThrough = day;
  }

  /** The instant `day` starts. */
  startOf(day: string): Date {
    return businessDayStart(day, this.timeZone, this.startsAt);
  }
}
