import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

/**
 * A list of `element` objects, each validated as its class: an array of `min` (default 0) to `max` objects.
 * Objects only, because ValidateNested lets an array stand in for an element and checks only its elements
 * (`[[]]` would pass).
 */
export function NestedList(
  element: () => new () => object,
  size: { min?: number; max: number },
): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ...(size.min ? [ArrayMinSize(size.min)] : []),
    ArrayMaxSize(size.max),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(element),
  );
}
