import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { TerminalAdapters } from './terminal-adapters';
import { TerminalPaymentsService } from './terminal-payments.service';
import { TerminalPayment } from './terminal.entities';

/** What POST /terminals/webhooks/{provider} answers: whether the event was news. */
export interface WebhookReceipt {
  received: true;
  duplicate: boolean;
}

/**
 * A provider's webhook: its signature checked by the provider's adapter (401 when wrong), its event id recorded
 * once (a second delivery changes nothing), and what it says applied to the attempt of its charge through the
 * one transition; an event that only says something happened makes the provider be asked.
 */
@Injectable()
export class TerminalWebhooksService {
  constructor(
    private readonly database: Database,
    private readonly adapters: TerminalAdapters,
    private readonly attempts: TerminalPaymentsService,
  ) {}

  async receive(
    provider: string,
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
  ): Promise<WebhookReceipt> {
    const { eventId, providerRef, report } = this.adapters.ofWebhook(provider).webhook(rawBody, headers);
    this.attempts.crashPoint('webhook', provider);
    const attempt = providerRef
      ? await this.database.reader.findOneBy(TerminalPayment, { provider: provider as never, providerRef })
      : null;
    if (!attempt) return { received: true, duplicate: !(await this.attempts.record(provider, eventId)) };
    const reported = report ?? (await this.attempts.ask(await this.attempts.load(attempt.id), 'status'));
    const applied = await this.attempts.observe(attempt.id, reported, eventId);
    return { received: true, duplicate: applied === null };
  }
}
