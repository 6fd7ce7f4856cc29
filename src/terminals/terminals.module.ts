import { Global, Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { CardRefundPort } from '../payments/card-refund-port';
import { PaymentsModule } from '../payments/payments.module';
import { AdyenAdapter } from './providers/adyen.adapter';
import { SimulatorAdapter } from './providers/simulator.adapter';
import { StripeAdapter } from './providers/stripe.adapter';
import { TerminalAdapters } from './terminal-adapters';
import { TerminalPaymentsService } from './terminal-payments.service';
import { TerminalPoller } from './terminal-poller';
import { TerminalRefunds } from './terminal-refunds';
import { TerminalWebhooksService } from './terminal-webhooks.service';
import {
  TerminalPaymentsController,
  TerminalsController,
  TerminalWebhooksController,
} from './terminals.controller';
import { TerminalsService } from './terminals.service';

/**
 * Card terminals: the devices, the payment attempts sent to them, the providers behind one adapter, and their
 * webhooks. Global only for CardRefundPort: the payments module asks it for a terminal payment's refund without
 * importing this module (which imports payments).
 */
@Global()
@Module({
  imports: [OrdersModule, PaymentsModule],
  controllers: [TerminalsController, TerminalWebhooksController, TerminalPaymentsController],
  providers: [
    SimulatorAdapter,
    StripeAdapter,
    AdyenAdapter,
    TerminalAdapters,
    TerminalsService,
    TerminalPaymentsService,
    TerminalWebhooksService,
    TerminalPoller,
    { provide: CardRefundPort, useClass: TerminalRefunds },
  ],
  exports: [CardRefundPort],
})
export class TerminalsModule {}
