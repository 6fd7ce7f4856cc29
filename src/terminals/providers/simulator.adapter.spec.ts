import { Clock } from '../../common/time/clock';
import type { RestaurantProfile } from '../../restaurant/restaurant-profile';
import { Terminal, TerminalPayment, TerminalPaymentStatus } from '../terminal.entities';
import { SimulatorAdapter, SIMULATOR_TIMES } from './simulator.adapter';

const START = Date.parse('2026-11-25T12:00:00Z');

class FixedClock extends Clock {
  at = START;
  override now(): Date {
    return new Date(this.at);
  }
}

function attempt(amount: number, overrides: Partial<TerminalPayment> = {}): TerminalPayment {
  return Object.assign(new TerminalPayment(), {
    id: 'a1b2c3d4-0000-4000-8000-000000000000',
    amount,
    tip: 0,
    status: TerminalPaymentStatus.InProgress,
    cancelRequestedAt: null,
    createdAt: new Date(START),
    ...overrides,
  });
}

const terminal = (tipOnTerminal = false) => Object.assign(new Terminal(), { tipOnTerminal });

describe('the simulated terminal', () => {
  const clock = new FixedClock();
  const simulator = new SimulatorAdapter(clock, { currency: 'EUR' } as RestaurantProfile);
  const status = (row: TerminalPayment, tipOnTerminal = false) =>
    simulator.status({ attempt: row, terminal: terminal(tipOnTerminal) });

  beforeEach(() => (clock.at = START));

  it('approves any other amount after half a second, with the keyed tip or 10 % rounded half up', async () => {
    expect(await status(attempt(1000))).toEqual({ status: 'in_progress' });
    clock.at = START + SIMULATOR_TIMES.approveMs;
    expect(await status(attempt(1000, { tip: 70 }))).toMatchObject({
      status: 'succeeded',
      charged: 1070,
      currency: 'EUR',
      tip: 70,
    });
    expect(await status(attempt(1005), true)).toMatchObject({ tip: 101 });
    expect(await status(attempt(1004), true)).toMatchObject({ tip: 100 });
    expect(await status(attempt(1000))).toMatchObject({ card: { authCode: '597059', last4: '4242' } });
  });

  it('declines 01, leaves 02 unknown until asked again, takes 5 s on 03', async () => {
    clock.at = START + SIMULATOR_TIMES.approveMs;
    expect(await status(attempt(1001))).toEqual({ status: 'failed', failure: 'card_declined' });
    expect(await status(attempt(1002))).toEqual({ status: 'in_progress' });
    expect(await status(attempt(1003))).toEqual({ status: 'in_progress' });
    clock.at = START + SIMULATOR_TIMES.timeoutMs;
    expect(await status(attempt(1002))).toEqual({ status: 'unknown' });
    expect(await status(attempt(1002, { status: TerminalPaymentStatus.Unknown }))).toMatchObject({
      status: 'succeeded',
    });
    clock.at = START + SIMULATOR_TIMES.slowMs;
    expect(await status(attempt(1003))).toMatchObject({ status: 'succeeded' });
  });

  it('cancels when asked before it is done, but 04 ignores the cancel', async () => {
    const cancelRequestedAt = new Date(START + 100);
    clock.at = START + SIMULATOR_TIMES.slowMs;
    expect(await status(attempt(1003, { cancelRequestedAt }))).toEqual({
      status: 'cancelled',
      failure: 'cancelled_on_terminal',
    });
    expect(await status(attempt(1004, { cancelRequestedAt }))).toMatchObject({ status: 'succeeded' });
    const late = new Date(START + SIMULATOR_TIMES.approveMs + 1);
    expect(await status(attempt(1000, { cancelRequestedAt: late }))).toMatchObject({ status: 'succeeded' });
  });
});
