import { Injectable } from '@nestjs/common';
import { SecurityEvent } from '../audit/security-event.entity';
import { SecurityEventType } from '../audit/security-event-type';
import { AddressRanges, plainAddress } from '../common/net/address-ranges';
import { Clock } from '../common/time/clock';
import { AppConfig, AutoBlockSettings } from '../config/app-config';
import { Database } from '../database/database.service';
import { IpBlocksService } from './ip-blocks.service';

/** Failed logins as the burst counts them: wrong credentials, and attempts refused while locked out. */
const FAILED_LOGINS = [SecurityEventType.LoginFailed, SecurityEventType.LoginRefusedWhileLocked];

/**
 * Blocks an address for a while (AUTO_BLOCK_MINUTES) once its failed logins within AUTO_BLOCK_WINDOW_MINUTES reach
 * AUTO_BLOCK_FAILURES over at least AUTO_BLOCK_ACCOUNTS distinct accounts: someone trying passwords across the staff,
 * which the per-account and per-address lock-outs only slow down. Counted from the security events (one indexed
 * read per failed login, never on a success), so every instance sees the same count.
 */
@Injectable()
export class LoginBursts {
  private readonly settings: AutoBlockSettings;
  private readonly exempt: AddressRanges;

  constructor(
    private readonly database: Database,
    private readonly ipBlocks: IpBlocksService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.settings = config.autoBlock;
    this.exempt = new AddressRanges(config.autoBlock.exempt);
  }

  /**
   * After a failed login from `address` has been recorded. Failures from before the address's last block ended
   * (lifted, most likely, as a false alarm) do not count again.
   */
  async failed(address: string | null): Promise<void> {
    if (!address || this.settings.durationMs === 0 || this.exempt.includes(address)) return;
    const windowStart = new Date(this.clock.now().getTime() - this.settings.windowMs);
    let counted = await this.countSince(address, windowStart);
    if (!this.isBurst(counted)) return;
    const lastBlockEnded = await this.ipBlocks.lastBlockEndOf(address);
    if (lastBlockEnded && lastBlockEnded > windowStart) {
      counted = await this.countSince(address, lastBlockEnded);
      if (!this.isBurst(counted)) return;
    }
    await this.ipBlocks.blockAutomatically({
      address,
      ...counted,
      windowMinutes: this.settings.windowMs / 60_000,
      durationMs: this.settings.durationMs,
    });
  }

  private isBurst({ failures, accounts }: FailureCount): boolean {
    return failures >= this.settings.failures && accounts >= this.settings.accounts;
  }

  private async countSince(address: string, since: Date): Promise<FailureCount> {
    const counted = await this.database.reader
      .getRepository(SecurityEvent)
      .createQueryBuilder('event')
      .select('COUNT(*)', 'failures')
      .addSelect('COUNT(DISTINCT COALESCE(event.userId, event.subject))', 'accounts')
      .where('event.ip = :ip', { ip: plainAddress(address) })
      .andWhere('event.type IN (:...types)', { types: FAILED_LOGINS })
      .andWhere('event.occurredAt >= :since', { since })
      .getRawOne<{ failures: string | number; accounts: string | number }>();
    return { failures: Number(counted?.failures ?? 0), accounts: Number(counted?.accounts ?? 0) };
  }
}

interface FailureCount {
  failures: number;
  /** Distinct accounts tried: a known user by id, an unknown name as typed. */
  accounts: number;
}
