import { Injectable } from '@nestjs/common';
import { In, MoreThan } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { FiscalTransaction, FiscalUnitRecord } from './fiscal.entities';
import { FiscalRecord, FiscalUnit, SignedTransaction, TransactionRefused, UnitIdentity } from './fiscal-unit';

/** Transactions read per query. */
const BATCH = 50;
/** Transactions signed in one round at most: the next round (another job) takes the rest. */
const ROUND = 1_000;

/** Rows written back per statement. */
const WRITE_CHUNK = 200;

const WRITE_ANSWERS = `ON CONFLICT (id) DO UPDATE SET ${[
  'state',
  'error',
  'failed_at',
  'refused',
  'unit_serial',
  'transaction_number',
  'started_at',
  'finished_at',
  'signature_counter',
  'signature',
  'log_message',
]
  .map((column) => `${column} = excluded.${column}`)
  .join(', ')}`;

const UPSERT_UNIT =
  'ON CONFLICT (serial) DO UPDATE SET reachable = excluded.reachable, last_error = NULL, checked_at = excluded.checked_at, ' +
  'certificate = excluded.certificate';

/**
 * What a round of signing came to: the transactions it signed or saw refused, to write back, and why the unit
 * could not be reached when it stopped the round.
 */
export interface SigningRound {
  done: FiscalTransaction[];
  unreachable: string | null;
}

/**
 * Signs the recorded transactions that wait, in `seq` order (the order they were recorded in), with the configured unit: start, then
 * finish, then the unit's answer written back. A transaction the unit refuses is marked and the rest go on; an
 * unreachable unit marks what waits `unit_failed` (receipts printed meanwhile say so) and ends the round, to be
 * tried again by the consumer's back-off. The unit is idempotent by our transaction id, so a round cut short and
 * run again signs nothing twice.
 */
@Injectable()
export class FiscalSigning {
  private identity: UnitIdentity | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs what waits, oldest first, without writing: the consumer writes the round (`write`) in the transaction
   * that records the job's outcome, one commit for the round.
   */
  async signWaiting(unit: FiscalUnit): Promise<SigningRound> {
    const done: FiscalTransaction[] = [];
    try {
      const identity = await this.identityOf(unit);
      let after = -1;
      while (done.length < ROUND) {
        const waiting = await this.database.reader.find(FiscalTransaction, {
          where: { state: In(['pending', 'unit_failed']), refused: false, seq: MoreThan(after) },
          order: { seq: 'ASC' },
          take: BATCH,
        });
        if (waiting.length === 0) break;
        for (const row of waiting) {
          done.push(await this.signOne(unit, identity, row));
          // A unit in the process signs synchronously: let requests and socket pushes in between signatures.
          await new Promise(setImmediate);
        }
        after = waiting[waiting.length - 1].seq;
      }
      return { done, unreachable: null };
    } catch (error) {
      return { done, unreachable: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Writes a round's answers, one statement per 200 (an upsert on rows that exist: an UPDATE each would hold
   * SQLite's one writer for as many statements); when the unit was unreachable, marks what still waits as failed.
   */
  async write(tx: Tx, round: SigningRound): Promise<void> {
    for (let at = 0; at < round.done.length; at += WRITE_CHUNK) {
      const chunk = round.done.slice(at, at + WRITE_CHUNK);
      await this.database.insertRows(tx, FiscalTransaction, chunk, WRITE_ANSWERS);
    }
    if (round.unreachable !== null) await this.markUnreachable(tx, round.unreachable);
    // The unit answered this round: a row an earlier round (on any instance) found unreachable says it is back.
    else if (round.done.length > 0)
      await tx.manager.update(
        FiscalUnitRecord,
        { reachable: false },
        { reachable: true, lastError: null, checkedAt: this.clock.now() },
      );
  }

  private async signOne(
    unit: FiscalUnit,
    identity: UnitIdentity,
    row: FiscalTransaction,
  ): Promise<FiscalTransaction> {
    const record: FiscalRecord = {
      transactionId: row.id,
      clientId: row.clientId,
      processType: row.processType,
      processData: row.processData,
    };
    let signed: SignedTransaction;
    try {
      await unit.start(record);
      signed = await unit.finish(record);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      return Object.assign(row, {
        state: 'unit_failed',
        refused: true,
        error: error.message.slice(0, 500),
        failedAt: row.failedAt ?? this.clock.now(),
      });
    }
    return Object.assign(row, {
      // What failed before stays (error, failedAt): the export tells of the outage (TSE_TA_FEHLER).
      state: 'signed',
      unitSerial: identity.serial,
      transactionNumber: signed.transactionNumber,
      startedAt: signed.start,
      finishedAt: signed.end,
      signatureCounter: signed.signatureCounter,
      signature: signed.signature,
      logMessage: signed.logMessage,
    });
  }

  /** The unit's identity, asked once and kept: its first answer writes the unit's row, reachable. */
  private async identityOf(unit: FiscalUnit): Promise<UnitIdentity> {
    if (this.identity) return this.identity;
    const identity = await unit.identity();
    const now = this.clock.now();
    const record = Object.assign(new FiscalUnitRecord(), {
      ...identity,
      kind: unit.kind,
      reachable: true,
      lastError: null,
      firstUsedAt: now,
      checkedAt: now,
    });
    await this.database.transaction((tx) =>
      this.database.insertRows(tx, FiscalUnitRecord, record, UPSERT_UNIT),
    );
    this.identity = identity;
    return identity;
  }

  private async markUnreachable(tx: Tx, reason: string): Promise<void> {
    const error = reason.slice(0, 500);
    const units = await this.database.selectRows(tx, FiscalUnitRecord, '1 = 1', []);
    const checkedAt = this.clock.now();
    await this.database.updateRows(
      tx,
      FiscalUnitRecord,
      units.map((unit) => Object.assign(unit, { reachable: false, lastError: error, checkedAt })),
    );
    await tx.manager.update(
      FiscalTransaction,
      { state: 'pending' },
      { state: 'unit_failed', error, failedAt: checkedAt },
    );
  }
}
