import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { TerminalPaymentsService } from './terminal-payments.service';
import { TerminalPaymentStatus } from './terminal.entities';

/** An unknown attempt is asked about again this long after it turned unknown (or at a GET, or at start). */
export const UNKNOWN_RECHECK_MS = 30_000;

/**
 * Follows running attempts by asking their providers, every TERMINAL_POLL_MS: webhooks are faster, but one may be
 * lost, and a provider that answered nothing is only ever asked (an unknown outcome is never charged again). At
 * start the first run is the sweep: attempts a stopped process left running are asked about, never sent again
 * (a pending one, perhaps sent, perhaps not, once its sending grace is over: the provider says which). A loop over the attempts table rather
 * than the durable consumer: what is due is "every running attempt, again and again until it ends", not one job
 * per event, and the table of running attempts is small (one per terminal at most).
 */
@Injectable()
export class TerminalPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private swept = false;
  private readonly runner: CoalescingRunner;

  constructor(
    private readonly attempts: TerminalPaymentsService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.runner = new CoalescingRunner(() => this.poll(), {
      name: 'Asking card terminals',
      logger: new Logger(TerminalPoller.name),
      everyMs: config.terminals.pollMs,
    });
  }

  onApplicationBootstrap(): void {
    void this.runner.run();
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /** One poll now (tests call it after moving the clock); resolves once a poll that started after it ends. */
  pollNow(): Promise<void> {
    return this.runner.run();
  }

  private async poll(): Promise<void> {
    const sweep = !this.swept;
    const now = this.clock.now().getTime();
    for (const attempt of await this.attempts.running()) {
      if (
        attempt.status !== TerminalPaymentStatus.Unknown ||
        sweep ||
        now - attempt.updatedAt.getTime() >= UNKNOWN_RECHECK_MS
      ) {
        await this.attempts.refresh(attempt.id);
      }
    }
    this.swept = true;
  }
}
