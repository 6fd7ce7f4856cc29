import { isISO8601, ValidateBy } from 'class-validator';

/** 24:00 after the date (isISO8601 has let only a T or a space separate them). */
const HOUR_24 = /[T\s]24/;

/**
 * An ISO 8601 date-time that JavaScript's Date reads: IsDateString also lets through forms Date cannot parse
 * (20261122, 2026-W47, 2026-326, a comma before the fraction) and days that do not exist (2026-02-30), which
 * became an Invalid Date and a 500, or a silently different day. ISO 8601 allows 24:00, the end of a day, which
 * Date reads as the next day's midnight: refused too, so that a time names the day it is written on.
 */
export function isTimestamp(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    isISO8601(value, { strict: true }) &&
    !HOUR_24.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

export const TIMESTAMP_MESSAGE = 'must be an ISO 8601 date-time, such as 2026-11-22T18:03:11.123Z';

/** A DTO's field that must be a timestamp (isTimestamp). */
export const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: { validate: isTimestamp, defaultMessage: () => TIMESTAMP_MESSAGE },
  });
