import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import type { OrderSentToKitchen } from '../orders/order-facts';
import { FiscalTill } from './fiscal.entities';
import { tillIdOf } from './till-ids';

/** The till of staff and API writes without a device, and of every device past FISCAL_DEVICE_TILLS. */
export const SHARED_TILL = 'pos';

/**
 * Which devices are tills of their own at the signing unit. A signing unit holds few clients (a fiskaly TSS 199,
 * each registered for good), while any request may name a new X-Device-Id: so the first FISCAL_DEVICE_TILLS
 * devices that sell become tills, kept for good, and every later device sells at the shared till.
 */
@Injectable()
export class FiscalTills {
  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The till an order was taken at: the QR ordering, the channel it came from (`channel<code>`), the waiter's
   * device it was opened on (X-Device-Id) as `ofDevices` assigns it, or the shared till for staff and API writes
   * without a device.
   */
  async ofOrder(tx: Tx, order: OrderSentToKitchen): Promise<string> {
    if (order.source === 'qr') return 'qr';
    if (order.channel && order.channel !== 'own') return tillIdOf(`channel${order.channel}`);
    if (!order.deviceId) return SHARED_TILL;
    return (await this.ofDevices(tx, new Set([order.deviceId]))).get(order.deviceId)!;
  }

  /**
   * Each device's till id at the unit: its own (tillIdOf its X-Device-Id, mapped once and kept) when it has one or
   * there is room for one more, else the shared till.
   */
  async ofDevices(tx: Tx, deviceIds: ReadonlySet<string>): Promise<Map<string, string>> {
    const tills = new Map<string, string>();
    if (deviceIds.size === 0) return tills;
    const ids = [...deviceIds];
    const known = await this.database.selectRows(
      tx,
      FiscalTill,
      `name IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
      ids,
    );
    for (const till of known) tills.set(till.name, till.clientId);
    const [{ n: held }] = await tx.sql<{ n: number | string }>('SELECT COUNT(*) AS n FROM fiscal_tills');
    const room = Math.max(0, this.config.fiscalDeviceTills - Number(held));
    const createdAt = this.clock.now();
    const fresh = ids.filter((id) => !tills.has(id)).slice(0, room);
    await this.database.insertRows(
      tx,
      FiscalTill,
      fresh.map((name) => Object.assign(new FiscalTill(), { name, clientId: tillIdOf(name), createdAt })),
      'ON CONFLICT (name) DO NOTHING',
    );
    for (const id of fresh) tills.set(id, tillIdOf(id));
    for (const id of ids) if (!tills.has(id)) tills.set(id, SHARED_TILL);
    return tills;
  }
}
