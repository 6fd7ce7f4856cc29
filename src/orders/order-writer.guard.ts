import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { assertOrderWriter } from '../common/access/channel-access';
import { Database } from '../database/database.service';
import { Order } from './order.entity';

/**
 * Decides an API key's access to the order in the path (`:id`) before the body is validated or read as data: a
 * key that may not change the order (assertOrderWriter) hears 403 whatever it sent, as on every other write on
 * that order, never a 422 about a body it had no business sending. Staff pass (the access guard held them to
 * their roles); so does a missing order, which the route answers 404. The order's channel never changes, so the
 * service's own check on the locked order agrees.
 */
@Injectable()
export class OrderWriterGuard implements CanActivate {
  constructor(private readonly database: Database) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.principal?.kind !== 'apiKey') return true;
    const order = await this.database.reader.findOne(Order, {
      select: { id: true, channel: true },
      where: { id: String(request.params.id) },
    });
    if (order) assertOrderWriter(request.principal, order);
    return true;
  }
}
