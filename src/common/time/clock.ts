import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests can move time (lock-out expiry, late items) without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
