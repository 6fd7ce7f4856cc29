import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { AddressRanges } from '../common/net/address-ranges';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { IpBlock, isActive } from './ip-block.entity';

/** A safety net only: changes arrive through the event feed, expiries by the clock. */
const RELOAD_EVERY_MS = 5 * 60_000;

interface HeldBlock {
  block: IpBlock;
  ranges: AddressRanges;
}

/**
 * The blocks in force, kept in memory on every instance so the check on each request and handshake costs no read:
 * one match against the union of all ranges, and only on a hit the search for which block it was. The list is read
 * at start and again whenever `ip_blocks.changed` passes through the event feed (a block added or lifted on any
 * instance); a block that expires drops out by the clock, with no read and no event.
 */
@Injectable()
export class IpBlockList implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IpBlockList.name);
  private held: HeldBlock[] = [];
  private union: AddressRanges | null = null;
  /** When the first held block expires: the list is pruned on the first check at or after it. */
  private nextExpiryMs = Infinity;
  /** On failure the previous list stays in force until a read succeeds. */
  private readonly reads = new CoalescingRunner(() => this.read(), {
    name: 'Reading the IP block list',
    logger: this.logger,
    everyMs: RELOAD_EVERY_MS,
  });

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    feed: EventFeed,
  ) {
    feed.subscribe((event) => {
      if (event.type === EventType.IpBlocksChanged) void this.reload();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.reads.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.reads.stop();
  }

  /** The block in force that holds `address`, or null. */
  blocking(address: string | undefined): IpBlock | null {
    if (!this.union || !address) return null;
    const now = this.clock.now();
    if (now.getTime() >= this.nextExpiryMs)
      this.hold(
        this.held.map(({ block }) => block),
        now,
      );
    if (!this.union?.includes(address)) return null;
    return this.held.find(({ ranges }) => ranges.includes(address))?.block ?? null;
  }

  /**
   * Reads the blocks in force. A read already out may have started before the caller's change committed: the
   * caller then waits for one more after it (shared by every caller meanwhile).
   */
  reload(): Promise<void> {
    return this.reads.run();
  }

  private async read(): Promise<void> {
    const now = this.clock.now();
    const blocks = await this.database.reader.getRepository(IpBlock).find({
      where: [
        { liftedAt: IsNull(), expiresAt: IsNull() },
        { liftedAt: IsNull(), expiresAt: MoreThan(now) },
      ],
    });
    this.hold(blocks, now);
  }

  private hold(blocks: IpBlock[], now: Date): void {
    const active = blocks.filter((block) => isActive(block, now));
    this.held = active.map((block) => ({ block, ranges: new AddressRanges([block.range]) }));
    this.union = active.length > 0 ? new AddressRanges(active.map((block) => block.range)) : null;
    this.nextExpiryMs = Math.min(
      Infinity,
      ...active.flatMap((block) => (block.expiresAt ? [block.expiresAt.getTime()] : [])),
    );
  }
}
