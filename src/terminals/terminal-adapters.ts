import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AdyenAdapter } from './providers/adyen.adapter';
import { SimulatorAdapter } from './providers/simulator.adapter';
import { StripeAdapter } from './providers/stripe.adapter';
import type { TerminalAdapter } from './providers/terminal-adapter';
import { TerminalProvider } from './terminal.entities';

/** The adapter of each provider that can take payments here: the simulator always, Stripe and Adyen once configured. */
@Injectable()
export class TerminalAdapters {
  private readonly adapters: Map<string, TerminalAdapter>;

  constructor(simulator: SimulatorAdapter, stripe: StripeAdapter, adyen: AdyenAdapter) {
    this.adapters = new Map<string, TerminalAdapter>([[simulator.provider, simulator]]);
    if (stripe.configured) this.adapters.set(stripe.provider, stripe);
    if (adyen.configured) this.adapters.set(adyen.provider, adyen);
  }

  /** The provider's adapter; 422 naming `field` when it has none here (not configured, or not built yet). */
  of(provider: string, field = 'provider'): TerminalAdapter {
    const adapter = this.adapters.get(provider);
    if (adapter) return adapter;
    const settings: Record<string, string> = {
      [TerminalProvider.Stripe]: 'STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET',
      [TerminalProvider.Adyen]: 'ADYEN_API_KEY, ADYEN_MERCHANT_ACCOUNT and ADYEN_HMAC_KEY',
    };
    const why = settings[provider]
      ? `is not configured: set ${settings[provider]}`
      : 'has no adapter yet (docs/terminals.md: how to add a provider)';
    throw DomainError.invalidField(field, `provider ${provider} ${why}`);
  }

  /** The adapter of a webhook's provider: 404 for one that takes no webhooks here. */
  ofWebhook(provider: string): TerminalAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new DomainError(ErrorCode.NotFound, `No webhooks for provider ${provider}`);
    return adapter;
  }
}
