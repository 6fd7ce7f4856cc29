import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { IsNull, Not } from 'typeorm';
import type { Tx } from '../database/database.service';
import { Order } from './order.entity';

/**
 * A card terminal attempt holds its order while the terminal may still take the money: checked on the row every
 * change has locked already (no statement of its own), 409 for any change but the attempt's own (`holder`).
 */
export function assertNotHeld(order: Order, holder: string | undefined): void {
  if (order.terminalHold && order.terminalHold !== holder) {
    throw new DomainError(
      ErrorCode.TerminalPaymentRunning,
      `A card terminal payment (${order.terminalHold}) is running on this order: wait for it or cancel it`,
    );
  }
}

/** The attempt `attemptId` holds `order` (a new terminal attempt; the order is locked by its change). */
export function holdForTerminal(order: Order, attemptId: string): void {
  assertNotHeld(order, undefined);
  order.terminalHold = attemptId;
}

/** The attempt ended: the order may change again. */
export function releaseTerminalHold(order: Order): void {
  order.terminalHold = null;
}

/** The id of a card terminal attempt holding any order now, or null: none is running. */
export async function runningTerminalAttempt(tx: Tx): Promise<string | null> {
  const held = await tx.manager.findOne(Order, {
    where: { terminalHold: Not(IsNull()) },
    select: { id: true, terminalHold: true },
  });
  return held?.terminalHold ?? null;
}
