import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import type { TerminalCrashPoint, TerminalsConfig } from '../config/terminals-config';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { OrderChange } from '../orders/order-changes';
import { OrderChanges } from '../orders/order-changes';
import { ACTIVE_ORDER_STATUSES } from '../orders/order-status';
import { holdForTerminal, releaseTerminalHold } from '../orders/terminal-hold';
import { PaymentsService } from '../payments/payments.service';
import { TerminalPaymentInput, TerminalPaymentView } from './dto/terminal.dto';
import type { AttemptOnTerminal, ProviderReport } from './providers/terminal-adapter';
import { TerminalAdapters } from './terminal-adapters';
import {
  RUNNING_STATUSES,
  Terminal,
  TerminalPayment,
  TerminalPaymentStatus,
  TerminalWebhookEvent,
} from './terminal.entities';
import { audienceOf } from '../event-log/event-audiences';

/** Thrown inside a transition that another report made already: the transaction rolls back, nothing written. */
class NothingToChange extends Error {}

/** How long a pending attempt is left to the dispatch that sends it before it is asked about. */
const SENDING_GRACE_MS = 10_000;

/**
 * What an approval books: the tip within what the provider charged, or why it cannot be booked (a mismatch, for
 * a manager): a charge in another currency, or of another sum than the amount and the tip (keyed, or chosen on a
 * terminal that asks for one). A partial approval is never booked as the amount asked for.
 */
export function checkCharge(
  attempt: Pick<TerminalPayment, 'amount' | 'tip'>,
  tipOnTerminal: boolean,
  report: Extract<ProviderReport, { status: 'succeeded' }>,
  currency: string,
): { tip: number } | { mismatch: string } {
  const charged = `charged ${report.charged} ${report.currency.toUpperCase()}`;
  const asked = `asked ${attempt.amount}${tipOnTerminal ? ' and a tip' : ` + ${attempt.tip} tip`} ${currency}`;
  if (report.currency.toUpperCase() !== currency.toUpperCase()) {
    return { mismatch: `currency_mismatch: ${charged}, ${asked}` };
  }
  const tip = tipOnTerminal ? (report.tip ?? report.charged - attempt.amount) : attempt.tip;
  if (tip < 0 || report.charged !== attempt.amount + tip) {
    return { mismatch: `amount_mismatch: ${charged}, ${asked}` };
  }
  return { tip };
}

const RUNNING_SQL = `status IN (${RUNNING_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * Card terminal payment attempts: start one (the amount locked against the order's due and version: the order is
 * held until the attempt ends), follow it, cancel it. Whatever reports an outcome (the provider's answer, a poll,
 * a webhook, a restart's sweep) goes through observe(), the one transition: under the order's and the attempt's
 * locks, a running attempt moves once; a succeeded one becomes its one payment in that transaction.
 */
@Injectable()
export class TerminalPaymentsService {
  private readonly logger = new Logger(TerminalPaymentsService.name);
  private readonly crashAt: TerminalsConfig['crashAt'];

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly orderChanges: OrderChanges,
    private readonly payments: PaymentsService,
    private readonly adapters: TerminalAdapters,
    private readonly clock: Clock,
    private readonly restaurant: RestaurantProfile,
    config: AppConfig,
  ) {
    this.crashAt = config.terminals.crashAt;
  }

  /** TERMINAL_CRASH_AT, for the crash tests: the process dies here at once, as a power cut would end it. */
  crashPoint(point: TerminalCrashPoint, provider: string): void {
    const at = this.crashAt;
    if (at?.point === point && (at.provider ?? provider) === provider) process.kill(process.pid, 'SIGKILL');
  }

  /** Starts an attempt (202 pending) and sends the amount to the terminal once the start has committed. */
  async start(
    actor: Principal,
    orderId: string,
    orderVersion: number | undefined,
    input: TerminalPaymentInput,
  ): Promise<TerminalPaymentView> {
    let started: TerminalPayment | undefined;
    await this.orderChanges.changeBy(actor, orderId, orderVersion, async ({ tx, order }) => {
      if (!ACTIVE_ORDER_STATUSES.includes(order.status)) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `Cannot take a payment for an order that is ${order.status}`,
        );
      }
      if (input.amount > order.due) {
        throw DomainError.invalidField('amount', `must not exceed what is due (${order.due})`);
      }
      const [terminal] = await this.database.lockRows(
        tx,
        LockKind.Terminal,
        Terminal,
        'id = $1 ORDER BY id',
        [input.terminalId],
      );
      if (!terminal?.active) throw DomainError.invalidField('terminalId', 'no such active terminal');
      this.adapters.of(terminal.provider, 'terminalId');
      await this.payments.assertCardMethodActive(tx);
      const busy = await this.database.selectRows(
        tx,
        TerminalPayment,
        `terminal_id = $1 AND ${RUNNING_SQL}`,
        [terminal.id],
      );
      if (busy.length > 0) {
        throw new DomainError(
          ErrorCode.TerminalBusy,
          `The terminal ${terminal.name} is taking another payment`,
        );
      }
      const now = this.clock.now();
      started = Object.assign(new TerminalPayment(), {
        id: randomUUID(),
        orderId: order.id,
        terminalId: terminal.id,
        provider: terminal.provider,
        amount: input.amount,
        tip: input.tip ?? 0,
        status: TerminalPaymentStatus.Pending,
        failure: null,
        paymentId: randomUUID(),
        card: null,
        providerRef: null,
        cancelRequestedAt: null,
        createdBy: actor.kind === 'staff' ? actor.userId : null,
        createdAt: now,
        updatedAt: now,
      });
      holdForTerminal(order, started.id);
      await this.database.insertRows(tx, TerminalPayment, started);
      this.announce(tx, started);
      const id = started.id;
      tx.afterCommit(() => void this.dispatch(id));
    });
    return TerminalPaymentView.of(started!);
  }

  /** The attempt; one that is still running is first asked about at its provider (GET follows it). */
  async get(id: string): Promise<TerminalPaymentView> {
    return TerminalPaymentView.of(await this.refresh(id));
  }

  /** Asks the terminal to stop. It may still approve: the answer is the attempt after asking. */
  async cancel(id: string): Promise<TerminalPaymentView> {
    await this.database.transaction(async (tx) => {
      const attempt = await this.lockedAttempt(tx, id);
      if (!attempt) throw DomainError.notFound('Terminal payment');
      if (!RUNNING_STATUSES.includes(attempt.status)) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `The terminal payment is ${attempt.status} already`,
        );
      }
      if (attempt.cancelRequestedAt !== null) return;
      attempt.cancelRequestedAt = this.clock.now();
      attempt.updatedAt = attempt.cancelRequestedAt;
      await this.database.updateRows(tx, TerminalPayment, attempt);
      this.announce(tx, attempt);
    });
    const on = await this.load(id);
    try {
      await this.adapters.of(on.attempt.provider).cancel(on);
    } catch (error) {
      this.logger.warn(`Cancelling terminal payment ${id}: ${String(error)}`);
    }
    return TerminalPaymentView.of(await this.refresh(id));
  }

  /** Sends a started attempt to its terminal (once more after a restart: sending is idempotent by the attempt). */
  async dispatch(id: string): Promise<void> {
    try {
      const on = await this.load(id);
      if (on.attempt.status !== TerminalPaymentStatus.Pending) return;
      // Cancelled before it reached the terminal: it is never sent.
      if (on.attempt.cancelRequestedAt !== null && on.attempt.providerRef === null) {
        await this.observe(id, { status: 'cancelled', failure: 'cancelled_before_sending' });
        return;
      }
      this.crashPoint('before_send', on.attempt.provider);
      const answer = await this.ask(on, 'send');
      this.crashPoint('after_send', on.attempt.provider);
      await this.observe(id, answer);
    } catch (error) {
      this.logger.error(`Sending terminal payment ${id}: ${String(error)}`);
    }
  }

  /** Asks the provider about a running attempt and records what it says; answers the attempt after. */
  async refresh(id: string): Promise<TerminalPayment> {
    const on = await this.load(id);
    if (!RUNNING_STATUSES.includes(on.attempt.status)) return on.attempt;
    // Being sent right now (dispatch): asking first could find nothing at the provider yet.
    const age = this.clock.now().getTime() - on.attempt.createdAt.getTime();
    if (on.attempt.status === TerminalPaymentStatus.Pending && age < SENDING_GRACE_MS) return on.attempt;
    return (await this.observe(id, await this.ask(on, 'status'))) ?? on.attempt;
  }

  /** The provider's answer; none in time (or a failure of its own) is `unknown`, never a new charge. */
  async ask(on: AttemptOnTerminal, what: 'send' | 'status'): Promise<ProviderReport> {
    try {
      const adapter = this.adapters.of(on.attempt.provider);
      return await (what === 'send' ? adapter.send(on) : adapter.status(on));
    } catch (error) {
      this.logger.warn(`Terminal payment ${on.attempt.id}: ${what} got no answer: ${String(error)}`);
      return { status: 'unknown' };
    }
  }

  /**
   * The one transition: `report` applied to a running attempt, under its order's lock (the attempt holds the
   * order) and its own, in one transaction with its event (and its payment, when it succeeded). A report about an
   * attempt that has ended changes nothing: a second webhook, a late poll, a restart's sweep. `eventId` (a
   * webhook's) is recorded in the same transaction; a second delivery answers null and changes nothing.
   */
  async observe(id: string, report: ProviderReport, eventId?: string): Promise<TerminalPayment | null> {
    const seen = await this.database.reader.findOneBy(TerminalPayment, { id });
    if (!seen) return null;
    if (!RUNNING_STATUSES.includes(seen.status) || this.changesNothing(seen, report)) {
      if (eventId && !(await this.record(seen.provider, eventId))) return null;
      return seen;
    }
    let result: TerminalPayment | null = seen;
    try {
      await this.orderChanges.change(
        seen.orderId,
        undefined,
        async (change) => {
          if (eventId && !(await this.firstDelivery(change.tx, seen.provider, eventId))) {
            throw new NothingToChange();
          }
          result = await this.apply(change, id, report);
          if (report.status === 'succeeded') this.crashPoint('before_commit', seen.provider);
        },
        { holder: id },
      );
    } catch (error) {
      // Another report got there first (the attempt ended, or already says the same): nothing was written, not
      // even the order's version. The order may be held by another attempt by now: this one ended meanwhile.
      const raced = error instanceof DomainError && error.code === ErrorCode.TerminalPaymentRunning;
      if (!(error instanceof NothingToChange) && !raced) throw error;
      if (eventId && !(await this.record(seen.provider, eventId))) return null;
      return this.database.reader.findOneBy(TerminalPayment, { id });
    }
    return result;
  }

  private changesNothing(attempt: TerminalPayment, report: ProviderReport): boolean {
    if (report.status === 'unknown') return attempt.status === TerminalPaymentStatus.Unknown;
    return (
      report.status === 'in_progress' &&
      attempt.status === TerminalPaymentStatus.InProgress &&
      (report.providerRef === undefined || report.providerRef === attempt.providerRef)
    );
  }

  /** Records a webhook event about no attempt of ours: false when it was recorded before. */
  record(provider: string, eventId: string): Promise<boolean> {
    return this.database.transaction((tx) => this.firstDelivery(tx, provider, eventId));
  }

  /** Records a webhook event's id: false when it was recorded before (a second delivery). */
  private async firstDelivery(tx: Tx, provider: string, eventId: string): Promise<boolean> {
    const rows = await this.database.insertRows(
      tx,
      TerminalWebhookEvent,
      { provider, eventId, receivedAt: this.clock.now() },
      'ON CONFLICT DO NOTHING RETURNING event_id',
    );
    return rows.length > 0;
  }

  /** The attempt, locked in the lock order; undefined when there is none. */
  private async lockedAttempt(tx: Tx, id: string): Promise<TerminalPayment | undefined> {
    const [attempt] = await this.database.lockRows(
      tx,
      LockKind.TerminalPayment,
      TerminalPayment,
      'id = $1 ORDER BY id',
      [id],
    );
    return attempt;
  }

  private async apply(change: OrderChange, id: string, report: ProviderReport): Promise<TerminalPayment> {
    const { tx, order } = change;
    const attempt = (await this.lockedAttempt(tx, id))!;
    if (!RUNNING_STATUSES.includes(attempt.status) || this.changesNothing(attempt, report)) {
      throw new NothingToChange();
    }
    if (report.status !== 'unknown' && 'providerRef' in report && report.providerRef) {
      attempt.providerRef = report.providerRef;
    }
    switch (report.status) {
      case 'in_progress':
        attempt.status = TerminalPaymentStatus.InProgress;
        break;
      case 'unknown':
        attempt.status = TerminalPaymentStatus.Unknown;
        break;
      case 'succeeded': {
        releaseTerminalHold(order);
        const terminal = await tx.manager.findOneByOrFail(Terminal, { id: attempt.terminalId });
        const charge = checkCharge(attempt, terminal.tipOnTerminal, report, this.restaurant.currency);
        if ('mismatch' in charge) {
          attempt.status = TerminalPaymentStatus.NeedsReview;
          attempt.failure = charge.mismatch;
          break;
        }
        const card = {
          ...report.card,
          provider: attempt.provider,
          providerRef: attempt.providerRef ?? attempt.id,
        };
        await this.payments.takeTerminalPayment(change, {
          paymentId: attempt.paymentId,
          amount: attempt.amount,
          tip: charge.tip,
          card,
          takenBy: attempt.createdBy,
        });
        Object.assign(attempt, { status: TerminalPaymentStatus.Succeeded, tip: charge.tip, card });
        break;
      }
      case 'failed':
      case 'cancelled':
        releaseTerminalHold(order);
        attempt.status =
          report.status === 'failed' ? TerminalPaymentStatus.Failed : TerminalPaymentStatus.Cancelled;
        attempt.failure = report.failure.slice(0, 200);
        break;
    }
    attempt.updatedAt = this.clock.now();
    await this.database.updateRows(tx, TerminalPayment, attempt);
    this.announce(tx, attempt);
    return attempt;
  }

  /** The attempt and its terminal, committed. */
  async load(id: string): Promise<AttemptOnTerminal> {
    const attempt = await this.database.reader.findOneBy(TerminalPayment, { id });
    if (!attempt) throw DomainError.notFound('Terminal payment');
    const terminal = await this.database.reader.findOneByOrFail(Terminal, { id: attempt.terminalId });
    return { attempt, terminal };
  }

  /** Attempts still running, oldest first: what a poll or a restart's sweep asks about. */
  running(): Promise<TerminalPayment[]> {
    return this.database.reader.find(TerminalPayment, {
      where: { status: In([...RUNNING_STATUSES]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** terminal_payment.updated, to the floor (waiters, managers, admins), in the transaction that changed it. */
  private announce(tx: Tx, attempt: TerminalPayment): void {
    this.eventLog.append(tx, {
      type: EventType.TerminalPaymentUpdated,
      data: { ...TerminalPaymentView.of(attempt) },
      audience: audienceOf(EventType.TerminalPaymentUpdated),
    });
  }
}
