import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Type } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiNotFound } from '../errors/api-not-found';
import { ErrorBody } from '../errors/error-body';
import { ApiPageResponse } from '../pagination/page';

/** A decorator that lets callers in or documents a response: `Roles(…)`, `Scopes(…)`, `Idempotent()`, … */
export type RouteDecorator = MethodDecorator;

/**
 * What a route says of itself in the OpenAPI spec: `conflict` documents its 409 CONFLICT and `conflicts` its 409s
 * of other codes (each `CODE: when`), `invalid` its 422, and `reply` the body of a create that answers more than the
 * resource (a secret shown once).
 */
export interface RouteDoc {
  summary: string;
  description?: string;
  conflict?: string;
  conflicts?: string[];
  invalid?: string;
  reply?: Type<unknown>;
}

const docOf = (doc: RouteDoc | string): RouteDoc => (typeof doc === 'string' ? { summary: doc } : doc);

function route(verb: MethodDecorator, doc: RouteDoc | string, decorators: RouteDecorator[]) {
  const { summary, description, conflict, conflicts = [], invalid } = docOf(doc);
  const conflictDoc = [...(conflict ? [`CONFLICT: ${conflict}`] : []), ...conflicts].join('; ');
  return applyDecorators(
    verb,
    ...decorators,
    ApiOperation(description ? { summary, description } : { summary }),
    ...(conflictDoc ? [ApiConflictResponse({ type: ErrorBody, description: conflictDoc })] : []),
    ...(invalid ? [ApiUnprocessableEntityResponse({ type: ErrorBody, description: invalid })] : []),
  );
}

/**
 * The five routes of a back-office resource (list, create, read, change, delete), each with its verb, its path, the
 * decorators it is given (access first) and its OpenAPI responses: `noun` names the resource in the 404s.
 */
export function resourceRoutes(noun: string, view: Type<unknown>) {
  return {
    list: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Get(), doc, [...decorators, ApiPageResponse(view)]),
    create: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Post(), doc, [...decorators, ApiCreatedResponse({ type: docOf(doc).reply ?? view })]),
    read: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Get(':id'), doc, [...decorators, ApiOkResponse({ type: view }), ApiNotFound(noun)]),
    update: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Patch(':id'), doc, [...decorators, ApiOkResponse({ type: view }), ApiNotFound(noun)]),
    remove: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Delete(':id'), doc, [...decorators, HttpCode(204), ApiNoContentResponse(), ApiNotFound(noun)]),
  };
}

/**
 * The routes of a resource kept inside another (a dish's variations, a group's options): list and create at
 * `:id/<path>`, change and delete at `:id/<path>/:<param>`. The 404s name the parent, or the parent or `child`.
 */
export function childRoutes(parent: string, child: string, path: string, param: string, view: Type<unknown>) {
  const one = `:id/${path}/:${param}`;
  const either = ApiNotFound(`${parent} or ${child}`);
  return {
    list: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Get(`:id/${path}`), doc, [...decorators, ApiPageResponse(view), ApiNotFound(parent)]),
    create: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Post(`:id/${path}`), doc, [
        ...decorators,
        ApiCreatedResponse({ type: view }),
        ApiNotFound(parent),
      ]),
    update: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Patch(one), doc, [...decorators, ApiOkResponse({ type: view }), either]),
    remove: (doc: RouteDoc | string, ...decorators: RouteDecorator[]) =>
      route(Delete(one), doc, [...decorators, HttpCode(204), ApiNoContentResponse(), either]),
  };
}
