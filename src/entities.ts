import { AuditEntry } from './audit/audit-entry.entity';
import { SecurityEvent } from './audit/security-event.entity';
import { AuthSession } from './auth/auth-session.entity';
import { LoginAttempt } from './auth/login-attempt.entity';
import { RefreshToken } from './auth/refresh-token.entity';
import { SECOND_FACTOR_ENTITIES } from './auth/second-factor/second-factor.entities';
import { CHANNEL_ENTITIES } from './channels/channel.entities';
import { BusinessDayClose } from './business-days/business-day-close.entity';
import { CONSUMER_ENTITIES } from './event-log/consumers/consumer.entities';
import { EventRecord } from './event-log/event-record.entity';
import { FLOOR_ENTITIES } from './floor/floor.entities';
import { GIFT_CARD_ENTITIES } from './guests/gift-cards/gift-card.entities';
import { GUEST_ENTITIES } from './guests/guests.entities';
import { ClientId } from './idempotency/client-id.entity';
import { ClientDevice } from './devices/client-device.entity';
import { FISCAL_ENTITIES } from './fiscal/fiscal.entities';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { ApiKey } from './auth/api-keys/api-key.entity';
import { WEBHOOK_ENTITIES } from './integrations/webhooks/webhook.entities';
import { ApiKeyUsageRecord } from './auth/api-keys/usage/api-key-usage.entity';
import { KitchenDevice } from './kitchen/kitchen-device.entity';
import { MENU_ENTITIES } from './menu/menu.entities';
import { INVENTORY_ENTITIES } from './inventory/inventory.entities';
import { ORDER_ENTITIES } from './orders/orders.entities';
import { PAYMENT_ENTITIES } from './payments/payment.entities';
import { PRINTER_ENTITIES } from './printers/printers.entities';
import { PickupBoard } from './pickup-boards/pickup-board.entity';
import { PriceLevel } from './pricing/price-level.entity';
import { PriceRule } from './pricing/price-rule.entity';
import { Receipt } from './receipts/receipt.entity';
import { RestaurantProfileRow } from './restaurant/restaurant-profile.entity';
import { CashDrawerMovement, CashShift } from './shifts/cash-shift.entity';
import { TimeClockEntry } from './time-clock/time-clock-entry.entity';
import { TimeClockBreak } from './time-clock/time-clock-break.entity';
import { TimeClockEdit } from './time-clock/time-clock-edit.entity';
import { Job } from './jobs/job.entity';
import { StaffJobWage } from './jobs/staff-job-wage.entity';
import { TipDay, TipFact, TipLedgerEntry, TipPayout, TipRule } from './tips/tips.entities';
import { IpBlock } from './security/ip-block.entity';
import { User } from './users/user.entity';
import { TAX_ENTITIES } from './taxes/tax.entities';
import { TERMINAL_ENTITIES } from './terminals/terminal.entities';
import { HQ_ENTITIES } from './hq/hq.entities';
import { HqLinkRow } from './site-link/hq-link.entity';

/**
 * Every entity, for the app and the TypeORM CLI alike. The list lives above the domains, beside the app module,
 * so that the database layer knows none of them.
 */
export const ENTITIES = [
  User,
  AuthSession,
  RefreshToken,
  LoginAttempt,
  ...SECOND_FACTOR_ENTITIES,
  SecurityEvent,
  EventRecord,
  ...CONSUMER_ENTITIES,
  AuditEntry,
  ...FLOOR_ENTITIES,
  ...MENU_ENTITIES,
  ...INVENTORY_ENTITIES,
  PriceLevel,
  PriceRule,
  ...ORDER_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...GIFT_CARD_ENTITIES,
  Receipt,
  RestaurantProfileRow,
  ...GUEST_ENTITIES,
  IdempotencyKey,
  ClientId,
  ApiKey,
  ...WEBHOOK_ENTITIES,
  ApiKeyUsageRecord,
  CashShift,
  CashDrawerMovement,
  TimeClockEntry,
  TimeClockBreak,
  TimeClockEdit,
  Job,
  StaffJobWage,
  TipRule,
  TipFact,
  TipPayout,
  TipLedgerEntry,
  TipDay,
  BusinessDayClose,
  IpBlock,
  ...TAX_ENTITIES,
  ...PRINTER_ENTITIES,
  ...CHANNEL_ENTITIES,
  KitchenDevice,
  PickupBoard,
  ClientDevice,
  ...FISCAL_ENTITIES,
  ...TERMINAL_ENTITIES,
  ...HQ_ENTITIES,
  HqLinkRow,
];
