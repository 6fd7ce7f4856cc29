import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { RestaurantProfile } from '../../restaurant/restaurant-profile';
import { TerminalPaymentStatus, TerminalProvider } from '../terminal.entities';
import { AttemptOnTerminal, ProviderReport, TerminalAdapter, WebhookReport } from './terminal-adapter';

/** How long the simulated terminal takes, by clock time since the attempt started. */
export const SIMULATOR_TIMES = { approveMs: 500, timeoutMs: 2000, slowMs: 5000 } as const;

/**
 * A terminal inside the process, for training staff and for tests (docs/terminals.md has its table). It keeps
 * nothing: what it reports is a function of the attempt's row (amount, start, cancel request, status) and the
 * clock, so a restarted process that asks gets the same answer. By the amount's last two digits: 01 declined,
 * 02 no answer (unknown) and approved when asked again, 03 takes 5 s, 04 ignores a cancel; any other approves
 * after half a second. A terminal with tipOnTerminal adds 10 % of the amount, rounded half up.
 */
@Injectable()
export class SimulatorAdapter extends TerminalAdapter {
  readonly provider = TerminalProvider.Simulator;

  constructor(
    private readonly clock: Clock,
    private readonly restaurant: RestaurantProfile,
  ) {
    super();
  }

  send({ attempt }: AttemptOnTerminal): Promise<ProviderReport> {
    return Promise.resolve({ status: 'in_progress', providerRef: `sim_${attempt.id}` });
  }

  /** The request is the attempt's cancelRequestedAt, which status() reads. */
  cancel(): Promise<void> {
    return Promise.resolve();
  }

  status({ attempt, terminal }: AttemptOnTerminal): Promise<ProviderReport> {
    return Promise.resolve(this.report(attempt, terminal.tipOnTerminal));
  }

  refund(): Promise<void> {
    return Promise.resolve();
  }

  webhook(): WebhookReport {
    throw new DomainError(ErrorCode.NotFound, 'The simulator sends no webhooks');
  }

  private report(attempt: AttemptOnTerminal['attempt'], tipOnTerminal: boolean): ProviderReport {
    const code = attempt.amount % 100;
    const startedAt = attempt.createdAt.getTime();
    const elapsed = this.clock.now().getTime() - startedAt;
    const tip = tipOnTerminal ? Math.floor((attempt.amount + 5) / 10) : attempt.tip;
    const approved = (): ProviderReport => ({
      status: 'succeeded',
      charged: attempt.amount + tip,
      currency: this.restaurant.currency,
      tip,
      card: {
        brand: 'visa',
        last4: '4242',
        entryMode: 'contactless',
        authCode: String(parseInt(attempt.id.slice(0, 6), 16) % 1_000_000).padStart(6, '0'),
        emv: { aid: 'A0000000031010', applicationLabel: 'VISA CREDIT' },
      },
    });
    if (code === 2) {
      if (attempt.status === TerminalPaymentStatus.Unknown) return approved();
      return elapsed >= SIMULATOR_TIMES.timeoutMs ? { status: 'unknown' } : { status: 'in_progress' };
    }
    const doneAfter = code === 3 ? SIMULATOR_TIMES.slowMs : SIMULATOR_TIMES.approveMs;
    const cancelAt = attempt.cancelRequestedAt?.getTime();
    if (cancelAt !== undefined && code !== 4 && cancelAt - startedAt < doneAfter) {
      return { status: 'cancelled', failure: 'cancelled_on_terminal' };
    }
    if (elapsed < doneAfter) return { status: 'in_progress' };
    if (code === 1) return { status: 'failed', failure: 'card_declined' };
    return approved();
  }
}
