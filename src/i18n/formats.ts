import { formatMinorUnits, priceDeltaText } from './money-format';

/** Where and how a page writes numbers for people: its locale, the restaurant's time zone and currency. */
export interface FormatSettings {
  locale: string;
  timeZone: string;
  currency: string;
}

/**
 * Money, numbers and times for people, by `Intl`, in one locale and the restaurant's time zone: the one formatter
 * of the web clients and the server-rendered pages. Imports nothing of Node, so browsers bundle it too.
 */
export class Formats {
  private readonly clock: Intl.DateTimeFormat;
  private readonly dateAndClock: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;
  private readonly calendarDays: Intl.DateTimeFormat;

  constructor(readonly settings: FormatSettings) {
    const { locale, timeZone } = settings;
    this.clock = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
    this.dateAndClock = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    this.numbers = new Intl.NumberFormat(locale);
    // A business day is a date, not an instant: read and written in UTC so no time zone moves it.
    this.calendarDays = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  }

  /** Integer minor units: 1250 → "€12.50" in `en`, "12,50 €" in `de`. */
  money(minor: number): string {
    return formatMinorUnits(minor, this.settings.currency, this.settings.locale);
  }

  /** Integer minor units of another currency than the restaurant's (a chain's site in Switzerland). */
  moneyIn(minor: number, currency: string): string {
    return formatMinorUnits(minor, currency, this.settings.locale);
  }

  /** A price difference: "+€1.50", "−€0.50", or nothing when it is free. */
  moneyDelta(minor: number): string {
    return priceDeltaText(minor, this.settings.currency, this.settings.locale);
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** A percentage given in percent: 19 → "19%" in `en`, "19 %" in `de`. */
  percent(value: number): string {
    return new Intl.NumberFormat(this.settings.locale, { style: 'percent', maximumFractionDigits: 2 }).format(
      value / 100,
    );
  }

  /** The restaurant's wall clock: "7:03 PM" in `en`, "19:03" in `de`. */
  time(at: Date | string | number): string {
    return this.clock.format(new Date(at));
  }

  dateTime(at: Date | string | number): string {
    return this.dateAndClock.format(new Date(at));
  }

  /** A business day (YYYY-MM-DD) as people write dates: "Nov 22, 2026" in `en`, "22.11.2026" in `de`. */
  day(businessDay: string): string {
    return this.calendarDays.format(new Date(`${businessDay}T00:00:00Z`));
  }
}
