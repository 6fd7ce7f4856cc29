import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PER_PAGE = 100;
/** Keeps OFFSET a small, exact integer: past it no list has anything to show. */
export const MAX_PAGE = 1_000_000;

/** `?page=1&perPage=20`, shared by every list route. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_PAGE, default: 20 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  perPage: number = 20;

  get skip(): number {
    return (this.page - 1) * this.perPage;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  pages: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, page: query.page, perPage: query.perPage, total, pages: Math.ceil(total / query.perPage) };
}

/** One page of a list held whole in memory: the allergen vocabulary, the kitchen's few open tickets. */
export function pageOfAll<T>(all: T[], query: PageQuery): Page<T> {
  return pageOf(all.slice(query.skip, query.skip + query.perPage), all.length, query);
}

/** Declares the API.md list shape around `item` in the OpenAPI spec. */
export function ApiPageResponse(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'page', 'perPage', 'total', 'pages'],
        properties: {
          items: { type: 'array', maxItems: MAX_PER_PAGE, items: { $ref: getSchemaPath(item) } },
          page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, example: 1 },
          perPage: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, example: 20 },
          total: { type: 'integer', minimum: 0, example: 87 },
          pages: { type: 'integer', minimum: 0, example: 5 },
        },
      },
    }),
  );
}
