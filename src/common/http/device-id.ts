import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The request's X-Device-Id, or null: the device a write came from. The idempotency interceptor checks its shape
 * and documents the header on every keyed route, so this reads it only.
 */
export const DeviceId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null =>
    context.switchToHttp().getRequest<Request>().header('x-device-id') ?? null,
);
