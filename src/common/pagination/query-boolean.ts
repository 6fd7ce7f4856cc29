import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean } from 'class-validator';

/** A `?flag=true|false` query parameter as a boolean; anything else fails validation. */
export const QueryBoolean = () =>
  applyDecorators(
    Type(() => String),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean(),
  );
