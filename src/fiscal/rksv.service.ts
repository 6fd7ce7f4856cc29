import { Injectable } from '@nestjs/common';
import { Between, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import type { ReceiptFiscalView } from '../receipts/dto/receipt.views';
import type { DepQuery } from './dto/rksv.dto';
import {
  CashRegisterView,
  CryptographicMaterialContainerView,
  DepExportView,
  RksvReceiptView,
} from './dto/rksv.views';
import { chainingValueIn, qrCodeOf } from './rksv-code';
import { RksvRegisters, ZeroReceiptKind } from './rksv-registers';
import { CashRegister, RksvReceipt } from './rksv.entities';

/** 48 hours: how long an outage of the signature device may last before the tax office must be told. */
const REPORT_WITHIN_MS = 48 * 3_600_000;

/** Reads of Austria's cash registers: their state, the DEP export, the auditor's key material, receipts' stamps. */
@Injectable()
export class RksvService {
  constructor(
    private readonly database: Database,
    private readonly registers: RksvRegisters,
  ) {}

  get active(): boolean {
    return this.registers.device !== null;
  }

  async list(): Promise<CashRegisterView[]> {
    const device = this.registers.requireDevice();
    const rows = await this.database.reader.find(CashRegister, { order: { id: 'ASC' } });
    return rows.map((register) => ({
      cashRegisterId: register.id,
      certificateSerial: device.identity().certificateSerial,
      turnoverCounter: register.turnover,
      lastReceiptId: register.lastReceiptNumber > 0 ? String(register.lastReceiptNumber) : null,
      state: register.deviceAvailable ? 'signing' : 'device_failed',
      deviceFailedAt: register.deviceFailedAt?.toISOString() ?? null,
      reportBy: register.deviceFailedAt
        ? new Date(register.deviceFailedAt.getTime() + REPORT_WITHIN_MS).toISOString()
        : null,
    }));
  }

  async dep(query: DepQuery): Promise<DepExportView> {
    const device = this.registers.requireDevice();
    if (query.from && query.to && query.from > query.to)
      throw DomainError.invalidField('from', 'must not be after to');
    const register = await this.database.reader.findOne(CashRegister, { where: { id: query.registerId } });
    if (!register) throw DomainError.notFound('Cash register');
    const dates =
      query.from && query.to
        ? Between(query.from, query.to)
        : query.from
          ? MoreThanOrEqual(query.from)
          : query.to
            ? LessThanOrEqual(query.to)
            : undefined;
    const receipts = await this.database.reader.find(RksvReceipt, {
      where: { cashRegisterId: register.id, ...(dates ? { businessDate: dates } : {}) },
      order: { receiptNumber: 'ASC' },
    });
    const { certificate, chain } = device.identity();
    return {
      'Belege-Gruppe': [
        {
          Signaturzertifikat: certificate,
          Zertifizierungsstellen: chain,
          'Belege-kompakt': receipts.map((receipt) => receipt.jws),
        },
      ],
    };
  }

  async cryptoContainer(
    principal: Principal,
    cashRegisterId: string,
  ): Promise<CryptographicMaterialContainerView> {
    const material = await this.registers.cryptoMaterial(principal, cashRegisterId);
    return {
      base64AESKey: material.aesKey,
      certificateOrPublicKeyMap: {
        [material.certificateSerial]: {
          id: material.certificateSerial,
          signatureDeviceType: 'CERTIFICATE',
          signatureCertificateOrPublicKey: material.certificate,
        },
      },
    };
  }

  async zeroReceipt(cashRegisterId: string, kind: ZeroReceiptKind): Promise<RksvReceiptView> {
    const receipt = await this.registers.zeroReceipt(cashRegisterId, kind);
    return {
      cashRegisterId: receipt.cashRegisterId,
      receiptNumber: String(receipt.receiptNumber),
      kind: receipt.kind,
      jws: receipt.jws,
      qrCode: qrCodeOf(receipt.jws),
    };
  }

  async setDevice(cashRegisterId: string, available: boolean): Promise<CashRegisterView> {
    await this.registers.setDevice(cashRegisterId, available);
    return (await this.list()).find((register) => register.cashRegisterId === cashRegisterId)!;
  }

  /** Each receipt's RKSV stamp, by receipt id. */
  async stamps(receiptIds: readonly string[]): Promise<Map<string, ReceiptFiscalView>> {
    const rows = await this.database.reader.find(RksvReceipt, { where: { receiptId: In([...receiptIds]) } });
    return new Map(
      rows.map((row) => [
        row.receiptId!,
        {
          regime: 'AT-RKSV',
          state: row.deviceFailed ? 'device_failed' : 'signed',
          cashRegisterId: row.cashRegisterId,
          receiptNumber: String(row.receiptNumber),
          jws: row.jws,
          qrCode: qrCodeOf(row.jws),
          chainingValue: chainingValueIn(row.jws),
          unitSerial: null,
          clientId: row.cashRegisterId,
          transactionNumber: null,
          start: null,
          end: null,
          signatureCounter: null,
          signature: null,
          algorithm: 'ES256',
          publicKey: null,
          error: row.deviceFailed ? 'Sicherheitseinrichtung ausgefallen' : null,
        },
      ]),
    );
  }
}
