import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { AppliedWrite, IdempotencyService } from '../idempotency/idempotency.service';
import { DEVICE_ID_PATTERN } from '../idempotency/idempotent.interceptor';
import { ClientDevice } from './client-device.entity';
import { OutboxStateView } from './device.views';

/** One more applied write: counted, and the last one's columns replaced. */
const COUNT_AND_REPLACE = `ON CONFLICT (device_id) DO UPDATE SET
  writes_applied = client_devices.writes_applied + 1, last_key = excluded.last_key,
  last_method = excluded.last_method, last_path = excluded.last_path, last_status = excluded.last_status,
  last_user_id = excluded.last_user_id, last_api_key_id = excluded.last_api_key_id,
  last_applied_at = excluded.last_applied_at`;

/**
 * Devices' outbox states. Idempotency tells it of every keyed write a device sends, in that write's transaction:
 * first to take the device's turn (the head of the lock order), then to record it applied (one upsert); requests
 * without X-Device-Id never reach it.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    idempotency: IdempotencyService,
  ) {
    idempotency.onApplied({
      starting: (tx, deviceId) => this.database.serialise(tx, `device:${deviceId}`, LockKind.Device),
      applied: (tx, write) => this.record(tx, write),
    });
  }

  /** Under the device's turn taken at the write's start, so its row's lock is never waited for while holding others. */
  private async record(tx: Tx, write: AppliedWrite): Promise<void> {
    const row = Object.assign(new ClientDevice(), {
      deviceId: write.deviceId,
      writesApplied: 1,
      lastKey: write.key,
      lastMethod: write.method,
      lastPath: write.path.slice(0, 300),
      lastStatus: write.status,
      lastUserId: write.userId,
      lastApiKeyId: write.apiKeyId,
      lastAppliedAt: this.clock.now(),
    });
    await this.database.insertRows(tx, ClientDevice, row, COUNT_AND_REPLACE);
  }

  /** How far a device's outbox got: a device never seen has applied nothing. */
  async outboxState(deviceId: string): Promise<OutboxStateView> {
    if (!DEVICE_ID_PATTERN.test(deviceId)) {
      throw DomainError.invalidField('id', 'must be 1 to 100 letters, digits, ".", "_", ":" or "-"');
    }
    const row = await this.database.reader.findOne(ClientDevice, { where: { deviceId } });
    return OutboxStateView.of(deviceId, row);
  }
}
