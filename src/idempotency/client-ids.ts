import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, isUUID, IsUUID } from 'class-validator';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';

/**
 * Where a body carries client-chosen ids: `id` (the body's own) or `<list>[].id` (each line of a list). A route
 * names them in `@Idempotent({ clientIds })`.
 */
export type ClientIdPath = 'id' | `${string}[].id`;

/** The optional `id` of a body or a line that creates a row: a UUID the client chose, which the row keeps. */
export const ClientIdProperty = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description:
        `The id the new ${what} gets, chosen by the client (offline writes, docs/clients.md): the same id again ` +
        'replays the first reply, whoever sends it; an id already used elsewhere answers 409 CONFLICT. Without ' +
        'it the server picks one.',
    }),
    IsOptional(),
    IsUUID(),
  );

/**
 * The client ids of a raw body (interceptors run before validation) at `paths`, or null when it carries none. A
 * value that is not a UUID makes it null too: validation refuses the body with 422 right after. Two equal ids are
 * a 422 here, naming the second.
 */
export function clientIdsOf(body: unknown, paths: readonly ClientIdPath[]): string[] | null {
  if (paths.length === 0 || body === null || typeof body !== 'object') return null;
  const found: Array<{ field: string; id: unknown }> = [];
  for (const path of paths) {
    if (path === 'id') {
      const id = (body as Record<string, unknown>).id;
      if (id !== undefined) found.push({ field: 'id', id });
      continue;
    }
    const list = (body as Record<string, unknown>)[path.slice(0, -'[].id'.length)];
    if (!Array.isArray(list)) continue;
    list.forEach((line: unknown, i) => {
      const id = line !== null && typeof line === 'object' ? (line as { id?: unknown }).id : undefined;
      if (id !== undefined) found.push({ field: `${path.slice(0, -'[].id'.length)}[${i}].id`, id });
    });
  }
  if (found.length === 0 || found.some(({ id }) => typeof id !== 'string' || !isUUID(id))) return null;
  const seen = new Set<string>();
  for (const { field, id } of found) {
    if (seen.has(id as string))
      throw DomainError.invalidField(field, 'must differ from every other id of the request');
    seen.add(id as string);
  }
  return [...seen];
}

/**
 * The idempotency key of a request made of client ids: its method, its actual path (another order's route is
 * another request) and its ids in sorted order, hashed to fit the key column whatever their number.
 */
export function clientIdsKey(method: string, path: string, ids: readonly string[]): string {
  const text = `${method} ${path} ${[...ids].sort().join(',')}`;
  return `ids:${createHash('sha256').update(text).digest('hex')}`;
}
