import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { RenderedBody, renderBody } from '../common/http/revalidated';
import { PickupBoardOrders, PickupOrders } from '../orders/pickup-board-orders';
import { CreatePickupBoardInput } from './dto/pickup-board.inputs';
import { PickupBoardDisplayView, PickupBoardView } from './dto/pickup-board.views';
import { PickupBoard } from './pickup-board.entity';

const ENTITY_TYPE = 'pickup_board';

/** What the audit keeps of a board: never its token, which opens it. */
const audited = ({ id, name, createdAt }: PickupBoard) => ({ id, name, createdAt: createdAt.toISOString() });

/** Pickup boards: managers make and revoke them; anyone with a board's token reads what it shows. */
@Injectable()
export class PickupBoardsService {
  /** The replies made of the orders the boards show now, by board name: dropped with those orders. */
  private readonly rendered = new WeakMap<PickupOrders, Map<string, RenderedBody>>();

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly orders: PickupBoardOrders,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<PickupBoardView>> {
    const [boards, total] = await this.database.reader.findAndCount(PickupBoard, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(
      boards.map((board) => this.view(board)),
      total,
      query,
    );
  }

  create(principal: Principal, input: CreatePickupBoardInput): Promise<PickupBoardView> {
    return this.database.transaction(async (tx) => {
      const board = Object.assign(new PickupBoard(), {
        id: randomUUID(),
        name: input.name,
        token: randomBytes(24).toString('base64url'),
        createdAt: this.clock.now(),
      });
      await this.database.insertRows(tx, PickupBoard, board);
      await this.audit.record(tx, principal, {
        action: 'pickup_board.created',
        entityType: ENTITY_TYPE,
        entityId: board.id,
        after: audited(board),
      });
      return this.view(board);
    });
  }

  /** Revokes the board: its token answers 404 from now on. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const board = await tx.manager.findOne(PickupBoard, { where: { id }, ...this.database.forUpdate });
      if (!board) throw DomainError.notFound('Pickup board');
      await auditedChange(tx, this.audit, principal, board, {
        action: 'pickup_board.deleted',
        entityType: ENTITY_TYPE,
        view: audited,
        remove: () => tx.manager.delete(PickupBoard, { id }),
      });
    });
  }

  /**
   * What the board behind `token` shows now, as the bytes of its reply, made once per change of the orders and
   * board name; 404 for a token of no board (revoked, or never made). The token is read each time, so a revoked
   * board goes dark at once on every instance.
   */
  async display(token: string): Promise<RenderedBody> {
    const [board, orders] = await Promise.all([
      this.database.reader.findOne(PickupBoard, { where: { token } }),
      this.orders.now(),
    ]);
    if (!board) throw DomainError.notFound('Pickup board');
    const byName = this.rendered.get(orders) ?? new Map<string, RenderedBody>();
    this.rendered.set(orders, byName);
    let body = byName.get(board.name);
    if (!body) {
      const view: PickupBoardDisplayView = { board: { name: board.name }, ...orders };
      body = renderBody(view);
      byName.set(board.name, body);
    }
    return body;
  }

  private view(board: PickupBoard): PickupBoardView {
    return {
      id: board.id,
      name: board.name,
      token: board.token,
      url: `${this.config.publicBaseUrl}/pickup?board=${encodeURIComponent(board.token)}`,
      createdAt: board.createdAt.toISOString(),
    };
  }
}
