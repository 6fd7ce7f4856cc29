import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { SecretBox } from '../common/crypto/secret-box';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { offsetMs } from '../common/time/wall-clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { ORDER_SENT_TO_KITCHEN, OrderSentToKitchen } from '../orders/order-facts';
import { RECEIPT_ISSUED, ReceiptIssued } from '../receipts/receipt-facts';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { FiscalTills, SHARED_TILL } from './fiscal-tills';
import { ConfiguredUnit } from './fiscal-units';
import type { RksvDevice } from './rksv-device';
import {
  amountsOf,
  chainingValueOf,
  DEVICE_FAILED_TEXT,
  encryptTurnover,
  jwsOf,
  markerOf,
  NO_AMOUNTS,
  payloadOf,
  RksvAmounts,
  signingInputOf,
  sumOf,
} from './rksv-code';
import { CashRegister, RksvOrderTill, RksvReceipt, RksvReceiptKind } from './rksv.entities';

/** The zero receipts an admin may ask for. */
export type ZeroReceiptKind = 'start' | 'month' | 'year' | 'closing' | 'collective';

/** Zero receipts that must carry a valid signature (the reference's README, "Signieren von Nullbelegen"). */
const MUST_BE_SIGNED: ReadonlySet<RksvReceiptKind> = new Set(['start', 'year', 'collective']);

/** What a receipt of the register is made of before it is numbered and signed. */
interface ReceiptInput {
  kind: RksvReceiptKind;
  amounts: RksvAmounts;
  receiptId: string | null;
}

/**
 * Austria's cash registers (RKSV): each receipt of a till is numbered in its register's series, its turnover
 * counter added and encrypted, chained to the register's last receipt and signed by the signature device, all in
 * the transaction that issues the receipt and under the register's lock: a receipt is signed exactly once, when it
 * commits, or not at all. Active when the profile's country is `AT` and FISCAL_SIGNER names an RKSV device.
 */
@Injectable()
export class RksvRegisters implements OnModuleInit {
  private readonly box: SecretBox;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly configured: ConfiguredUnit,
    private readonly tills: FiscalTills,
    private readonly profile: RestaurantProfile,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  onModuleInit(): void {
    if (!this.configured.rksv) return;
    this.eventLog.on(ORDER_SENT_TO_KITCHEN, (tx, fact) => this.noteTill(tx, fact));
    this.eventLog.on(RECEIPT_ISSUED, (tx, fact) => this.signReceipt(tx, fact));
  }

  /** The device, while the regime is Austria's: null otherwise (the country is read as each receipt is signed). */
  get device(): RksvDevice | null {
    return this.profile.details.country === 'AT' ? this.configured.rksv : null;
  }

  private async noteTill(tx: Tx, order: OrderSentToKitchen): Promise<void> {
    if (!this.device) return;
    const till = await this.tills.ofOrder(tx, order);
    await this.database.insertRows(
      tx,
      RksvOrderTill,
      Object.assign(new RksvOrderTill(), { orderId: order.orderId, cashRegisterId: till }),
      'ON CONFLICT (order_id) DO NOTHING',
    );
  }

  /** A sale or a refund (a Storno receipt) at the register of the till its order was taken at. */
  private async signReceipt(tx: Tx, receipt: ReceiptIssued): Promise<void> {
    const device = this.device;
    if (!device) return;
    const [till] = await this.database.selectRows(tx, RksvOrderTill, 'order_id = $1', [receipt.orderId]);
    const register = await this.registerFor(tx, device, till?.cashRegisterId ?? SHARED_TILL);
    await this.issue(tx, device, register, {
      kind: receipt.kind === 'refund' ? 'storno' : 'sale',
      amounts: amountsOf(receipt.taxes),
      receiptId: receipt.receiptId,
    });
  }

  /** A zero receipt an admin asks for; a start receipt also opens a register not used yet (else 409). */
  async zeroReceipt(cashRegisterId: string, kind: ZeroReceiptKind): Promise<RksvReceipt> {
    const device = this.requireDevice();
    return this.database.transaction(async (tx) => {
      const known = await this.lock(tx, cashRegisterId);
      if (kind === 'start') {
        if (known) throw new DomainError(ErrorCode.Conflict, 'The register has its start receipt already');
        const register = await this.registerFor(tx, device, cashRegisterId);
        return (await this.lastOf(tx, register))!;
      }
      if (!known) throw DomainError.notFound('Cash register');
      return this.issue(tx, device, known, { kind, amounts: NO_AMOUNTS, receiptId: null });
    });
  }

  /**
   * Takes the register's signature device out of service or brings it back. While it is out, receipts carry the
   * failure marker; the first receipt once it is back is the zero collective receipt (Sammelbeleg), signed.
   */
  async setDevice(cashRegisterId: string, available: boolean): Promise<CashRegister> {
    const device = this.requireDevice();
    return this.database.transaction(async (tx) => {
      const register = await this.lock(tx, cashRegisterId);
      if (!register) throw DomainError.notFound('Cash register');
      if (register.deviceAvailable === available) return register;
      register.deviceAvailable = available;
      if (!available) {
        register.deviceFailedAt = this.clock.now();
        await this.database.updateRows(tx, CashRegister, register);
        return register;
      }
      register.deviceFailedAt = null;
      await this.issue(tx, device, register, { kind: 'collective', amounts: NO_AMOUNTS, receiptId: null });
      return register;
    });
  }

  /** The register's AES key and the device's certificate, for an auditor's tool; audited. */
  async cryptoMaterial(
    principal: Principal,
    cashRegisterId: string,
  ): Promise<{ aesKey: string; certificateSerial: string; certificate: string }> {
    const device = this.requireDevice();
    return this.database.transaction(async (tx) => {
      const [register] = await this.database.selectRows(tx, CashRegister, 'id = $1', [cashRegisterId]);
      if (!register) throw DomainError.notFound('Cash register');
      await this.audit.record(tx, principal, {
        action: 'cash_register.crypto_container_read',
        entityType: 'cash_register',
        entityId: cashRegisterId,
      });
      const { certificateSerial, certificate } = device.identity();
      return { aesKey: this.aesKeyOf(register).toString('base64'), certificateSerial, certificate };
    });
  }

  requireDevice(): RksvDevice {
    const device = this.device;
    if (!device) throw DomainError.notFound('RKSV cash registers (country AT with an RKSV signature device)');
    return device;
  }

  private async lock(tx: Tx, cashRegisterId: string): Promise<CashRegister | undefined> {
    const [register] = await this.database.lockRows(tx, LockKind.CashRegister, CashRegister, 'id = $1', [
      cashRegisterId,
    ]);
    return register;
  }

  /**
   * The till's register, locked: made on its first receipt with a new AES key, and given its start receipt
   * before anything else (whoever inserts the row first; the others find it numbered).
   */
  private async registerFor(tx: Tx, device: RksvDevice, cashRegisterId: string): Promise<CashRegister> {
    const aesKey = randomBytes(32).toString('base64');
    await this.database.insertRows(
      tx,
      CashRegister,
      Object.assign(new CashRegister(), {
        id: cashRegisterId,
        aesKeySealed: this.box.seal(aesKey, cashRegisterId),
        turnover: 0,
        lastReceiptNumber: 0,
        lastJws: null,
        deviceAvailable: true,
        deviceFailedAt: null,
        createdAt: this.clock.now(),
      }),
      'ON CONFLICT (id) DO NOTHING',
    );
    const register = (await this.lock(tx, cashRegisterId))!;
    if (register.lastReceiptNumber === 0)
      await this.issue(tx, device, register, { kind: 'start', amounts: NO_AMOUNTS, receiptId: null });
    return register;
  }

  private async lastOf(tx: Tx, register: CashRegister): Promise<RksvReceipt | undefined> {
    const [last] = await this.database.selectRows(
      tx,
      RksvReceipt,
      'cash_register_id = $1 AND receipt_number = $2',
      [register.id, register.lastReceiptNumber],
    );
    return last;
  }

  /** Numbers, counts, chains and signs one receipt of the locked register, and keeps it. */
  private async issue(
    tx: Tx,
    device: RksvDevice,
    register: CashRegister,
    input: ReceiptInput,
  ): Promise<RksvReceipt> {
    const signing = register.deviceAvailable;
    if (!signing && MUST_BE_SIGNED.has(input.kind))
      throw new DomainError(
        ErrorCode.Conflict,
        `A ${input.kind} receipt needs a working signature device: bring it back first`,
      );
    const number = register.lastReceiptNumber + 1;
    const receiptNumber = String(number);
    if (input.kind === 'sale' || input.kind === 'storno') register.turnover += sumOf(input.amounts);
    const turnoverCounter =
      input.kind === 'storno'
        ? markerOf('STO')
        : input.kind === 'training'
          ? markerOf('TRA')
          : encryptTurnover(register.turnover, this.aesKeyOf(register), register.id, receiptNumber);
    const now = this.clock.now();
    const local = localDateTime(now, this.profile.timezone);
    const identity = device.identity();
    const payload = payloadOf({
      suite: identity.suite,
      cashRegisterId: register.id,
      receiptNumber,
      dateTime: local,
      amounts: input.amounts,
      turnoverCounter,
      certificateSerial: identity.certificateSerial,
      chainingValue: chainingValueOf(register.lastJws, register.id),
    });
    const signature = signing
      ? await device.sign(signingInputOf(payload))
      : Buffer.from(DEVICE_FAILED_TEXT, 'utf8');
    const receipt = Object.assign(new RksvReceipt(), {
      id: randomUUID(),
      cashRegisterId: register.id,
      receiptNumber: number,
      receiptId: input.receiptId,
      kind: input.kind,
      jws: jwsOf(payload, signature),
      deviceFailed: !signing,
      businessDate: local.slice(0, 10),
      signedAt: now,
    });
    await this.database.insertRows(tx, RksvReceipt, receipt);
    register.lastReceiptNumber = number;
    register.lastJws = receipt.jws;
    await this.database.updateRows(tx, CashRegister, register);
    return receipt;
  }

  private aesKeyOf(register: CashRegister): Buffer {
    return Buffer.from(this.box.open(register.aesKeySealed, register.id), 'base64');
  }
}

/** `yyyy-MM-ddTHH:mm:ss` on the restaurant's wall clock. */
function localDateTime(instant: Date, timeZone: string): string {
  const time = instant.getTime();
  return new Date(time + offsetMs(time, timeZone)).toISOString().slice(0, 19);
}
