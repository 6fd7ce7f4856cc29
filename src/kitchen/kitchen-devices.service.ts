import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { sha256Hex } from '../common/crypto/sha256';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { StationsService } from '../menu/stations.service';
import { newDeviceToken, newPairingCode, normalisedPairingCode, PAIRING_CODE_TTL_MS } from './device-secrets';
import { CreateKitchenDeviceInput, UpdateKitchenDeviceInput } from './dto/kitchen-device.inputs';
import {
  IssuedPairingCodeView,
  KitchenDeviceSetupView,
  KitchenDeviceView,
  PairedDeviceView,
} from './dto/kitchen-device.views';
import { KitchenDevice } from './kitchen-device.entity';
import { KITCHEN_DEVICE_REVOKED } from './kitchen-device-revoked';

const ENTITY_TYPE = 'kitchen_device';
/** lastSeenAt is kept to the minute: a screen that reloads often costs no write each time. */
const SEEN_EVERY_MS = 60_000;

/**
 * Kitchen devices: set up by a manager, paired once by the screen with a short code for a long token, which the
 * screen then presents to read its set-up. Every manager write and every pairing is audited.
 */
@Injectable()
export class KitchenDevicesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly stations: StationsService,
    private readonly clock: Clock,
    private readonly eventLog: EventLog,
  ) {}

  async list(query: PageQuery): Promise<Page<KitchenDeviceView>> {
    const [devices, total] = await this.database.reader.findAndCount(KitchenDevice, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(devices.map(KitchenDeviceView.of), total, query);
  }

  /** A new device with its first pairing code, shown this once. */
  async create(principal: Principal, input: CreateKitchenDeviceInput): Promise<IssuedPairingCodeView> {
    const stationIds = await this.checkedStations(input.expo, input.stationIds ?? []);
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const pairingCode = newPairingCode();
      const device = Object.assign(new KitchenDevice(), {
        id: randomUUID(),
        name: input.name,
        stationIds,
        expo: input.expo,
        textSize: input.textSize ?? 'normal',
        ...this.unpaired(pairingCode, now),
        lastSeenAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, KitchenDevice, device);
      const view = KitchenDeviceView.of(device);
      await this.audit.record(tx, principal, {
        action: 'kitchen_device.created',
        entityType: ENTITY_TYPE,
        entityId: device.id,
        after: view,
      });
      return { device: view, pairingCode };
    });
  }

  async update(
    principal: Principal,
    id: string,
    input: UpdateKitchenDeviceInput,
  ): Promise<KitchenDeviceView> {
    return this.database.transaction(async (tx) => {
      const device = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.audit, principal, device, {
        action: 'kitchen_device.updated',
        entityType: ENTITY_TYPE,
        view: KitchenDeviceView.of,
        skipIfUnchanged: true,
        change: async () => {
          if (input.name !== undefined) device.name = input.name;
          if (input.textSize !== undefined) device.textSize = input.textSize;
          const expo = input.expo ?? device.expo;
          if (input.expo !== undefined || input.stationIds !== undefined) {
            device.stationIds = await this.checkedStations(expo, input.stationIds ?? device.stationIds);
            device.expo = expo;
          }
          device.updatedAt = this.clock.now();
        },
      });
    });
  }

  /**
   * Revokes the device: its screen's token answers 401 from now on, and the sessions of the cooks signed in on it
   * end at once (their sockets close).
   */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const device = await this.find(tx.manager, id, true);
      this.eventLog.raise(tx, KITCHEN_DEVICE_REVOKED, { deviceId: device.id });
      await auditedChange(tx, this.audit, principal, device, {
        action: 'kitchen_device.deleted',
        entityType: ENTITY_TYPE,
        view: KitchenDeviceView.of,
        remove: () => tx.manager.delete(KitchenDevice, { id }),
      });
    });
  }

  /**
   * A new pairing code (a replaced tablet): the screen paired so far loses its token at once, and its cooks'
   * sessions end.
   */
  issuePairingCode(principal: Principal, id: string): Promise<IssuedPairingCodeView> {
    return this.database.transaction(async (tx) => {
      const device = await this.find(tx.manager, id, true);
      if (device.tokenHash) this.eventLog.raise(tx, KITCHEN_DEVICE_REVOKED, { deviceId: device.id });
      const pairingCode = newPairingCode();
      const now = this.clock.now();
      const before = KitchenDeviceView.of(device);
      Object.assign(device, this.unpaired(pairingCode, now), { updatedAt: now });
      await this.database.updateRows(tx, KitchenDevice, device);
      const view = KitchenDeviceView.of(device);
      await this.audit.record(tx, principal, {
        action: 'kitchen_device.pairing_code_issued',
        entityType: ENTITY_TYPE,
        entityId: device.id,
        before,
        after: view,
      });
      return { device: view, pairingCode };
    });
  }

  /**
   * Trades a live pairing code for a device token, once: the code is spent, and a token paired earlier dies. A
   * wrong, spent or expired code is one answer (422 PAIRING_CODE_INVALID), so the reply tells nothing more.
   */
  pair(typedCode: string): Promise<PairedDeviceView> {
    const code = normalisedPairingCode(typedCode);
    if (!code) return Promise.reject(invalidCode());
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const device = await tx.manager.findOne(KitchenDevice, {
        where: { pairingCodeHash: sha256Hex(code), pairingCodeExpiresAt: MoreThan(now) },
        ...this.database.forUpdate,
      });
      if (!device) throw invalidCode();
      const deviceToken = newDeviceToken();
      Object.assign(device, {
        pairingCodeHash: null,
        pairingCodeExpiresAt: null,
        tokenHash: sha256Hex(deviceToken),
        pairedAt: now,
        lastSeenAt: now,
        updatedAt: now,
      });
      await this.database.updateRows(tx, KitchenDevice, device);
      const view = KitchenDeviceView.of(device);
      await this.audit.record(tx, null, {
        action: 'kitchen_device.paired',
        entityType: ENTITY_TYPE,
        entityId: device.id,
        after: view,
      });
      return { device: view, deviceToken };
    });
  }

  /** What a paired screen needs to start: its device and its stations' thresholds; 401 for any other token. */
  async setup(deviceToken: string | undefined): Promise<KitchenDeviceSetupView> {
    const found = await this.pairedDevice(deviceToken);
    const device = await this.seen(found);
    const stations = await this.stations.views(device.expo ? null : device.stationIds);
    return { ...KitchenDeviceView.of(device), stations };
  }

  /** The device paired with this token; 401 UNAUTHORIZED for a missing, unknown or revoked one. */
  async pairedDevice(deviceToken: string | undefined): Promise<KitchenDevice> {
    const found = deviceToken
      ? await this.database.reader.findOne(KitchenDevice, { where: { tokenHash: sha256Hex(deviceToken) } })
      : null;
    if (!found) {
      throw new DomainError(ErrorCode.Unauthorized, 'Missing, unknown or revoked X-Kitchen-Device token');
    }
    return found;
  }

  /**
   * The stations a paired device's screen hears: its own, or null (every one) for the expo; undefined when the
   * device is gone or no longer paired.
   */
  async stationsOf(deviceId: string): Promise<string[] | null | undefined> {
    const device = await this.database.reader.findOne(KitchenDevice, { where: { id: deviceId } });
    if (!device?.tokenHash) return undefined;
    return device.expo ? null : device.stationIds;
  }

  /** Notes that the device's screen is alive, at most once a minute. */
  private async seen(device: KitchenDevice): Promise<KitchenDevice> {
    const now = this.clock.now();
    if (device.lastSeenAt && now.getTime() - device.lastSeenAt.getTime() < SEEN_EVERY_MS) return device;
    await this.database.transaction((tx) =>
      tx.manager.update(KitchenDevice, { id: device.id, tokenHash: device.tokenHash! }, { lastSeenAt: now }),
    );
    return Object.assign(device, { lastSeenAt: now });
  }

  /** A fresh pairing code's hash and expiry, and no paired screen. */
  private unpaired(
    pairingCode: string,
    now: Date,
  ): Pick<KitchenDevice, 'pairingCodeHash' | 'pairingCodeExpiresAt' | 'tokenHash' | 'pairedAt'> {
    return {
      pairingCodeHash: sha256Hex(pairingCode),
      pairingCodeExpiresAt: new Date(now.getTime() + PAIRING_CODE_TTL_MS),
      tokenHash: null,
      pairedAt: null,
    };
  }

  /** [] for the expo; else at least one station, each one that exists (422 naming the ones that do not). */
  private async checkedStations(expo: boolean, stationIds: string[]): Promise<string[]> {
    if (expo) return [];
    if (stationIds.length === 0) {
      throw DomainError.invalidField('stationIds', 'must name at least one station unless expo is true');
    }
    const known = new Set((await this.stations.views(stationIds)).map((station) => station.id));
    const problems = stationIds.flatMap((stationId, i) =>
      known.has(stationId) ? [] : [{ field: `stationIds[${i}]`, message: 'is not a known station' }],
    );
    if (problems.length > 0) throw DomainError.validation(problems);
    return stationIds;
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<KitchenDevice> {
    const device = await manager.findOne(KitchenDevice, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!device) throw DomainError.notFound('Kitchen device');
    return device;
  }
}

function invalidCode(): DomainError {
  return new DomainError(
    ErrorCode.PairingCodeInvalid,
    'This pairing code is wrong, used or expired: ask a manager for a new one',
  );
}
