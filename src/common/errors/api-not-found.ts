import { ApiNotFoundResponse } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

/** Documents the 404 of a route that reads one resource by id. */
export const ApiNotFound = (what: string) =>
  ApiNotFoundResponse({ type: ErrorBody, description: `NOT_FOUND: no such ${what}` });
