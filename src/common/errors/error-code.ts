/** Every error code a client can see, as listed in API.md. */
export enum ErrorCode {
  BadRequest = 'BAD_REQUEST',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  InvalidTransition = 'INVALID_TRANSITION',
  VersionConflict = 'VERSION_CONFLICT',
  /** POST /orders/{id}/fire of a course with no held item. */
  NothingToFire = 'NOTHING_TO_FIRE',
  IdempotencyInProgress = 'IDEMPOTENCY_IN_PROGRESS',
  /** A card terminal attempt holds the order: it cannot change until the attempt ends. */
  TerminalPaymentRunning = 'TERMINAL_PAYMENT_RUNNING',
  /** The card terminal is taking another payment. */
  TerminalBusy = 'TERMINAL_BUSY',
  /** A sales channel in busy mode refuses new orders until it is resumed. */
  ChannelPaused = 'CHANNEL_PAUSED',
  /** A fiscal export asked for a period with a business day not closed yet; details name the day. */
  BusinessDayOpen = 'BUSINESS_DAY_OPEN',
  /** PUT /restaurant would change the time zone or currency once money is recorded: they are history by then. */
  ProfileLocked = 'PROFILE_LOCKED',
  /** On a site, a change to what headquarters' catalog owns (a name, a price, a deletion); details name the fields. */
  ManagedByHq = 'MANAGED_BY_HQ',
  /** A day close with cash taken and no drawer counted: the manager confirms it (`uncountedCashConfirmed`). */
  CashNotCounted = 'CASH_NOT_COUNTED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  ValidationError = 'VALIDATION_ERROR',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** An order line wants more of a counted variation than is left; details name the lines. */
  OutOfStock = 'OUT_OF_STOCK',
  /** A gift card holds less than the payment asks of it; details carry its `balance`. */
  InsufficientBalance = 'INSUFFICIENT_BALANCE',
  /** A kitchen screen's pairing code that is wrong, used or expired (one answer for all three). */
  PairingCodeInvalid = 'PAIRING_CODE_INVALID',
  RateLimited = 'RATE_LIMITED',
  LockedOut = 'LOCKED_OUT',
  Internal = 'INTERNAL',
  /** The database cannot be reached (down, restarting, network cut): try again after Retry-After. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadRequest:
      return 400;
    case ErrorCode.Unauthorized:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
    case ErrorCode.InvalidTransition:
    case ErrorCode.VersionConflict:
    case ErrorCode.NothingToFire:
    case ErrorCode.IdempotencyInProgress:
    case ErrorCode.ChannelPaused:
    case ErrorCode.BusinessDayOpen:
    case ErrorCode.ProfileLocked:
    case ErrorCode.CashNotCounted:
    case ErrorCode.ManagedByHq:
    case ErrorCode.TerminalPaymentRunning:
    case ErrorCode.TerminalBusy:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.ValidationError:
    case ErrorCode.IdempotencyKeyReused:
    case ErrorCode.OutOfStock:
    case ErrorCode.InsufficientBalance:
    case ErrorCode.PairingCodeInvalid:
      return 422;
    case ErrorCode.RateLimited:
    case ErrorCode.LockedOut:
      return 429;
    case ErrorCode.Internal:
      return 500;
    case ErrorCode.ServiceUnavailable:
      return 503;
  }
}
