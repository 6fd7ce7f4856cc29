import { ValidateIf } from 'class-validator';

/** Optional, but when present it must be valid: unlike @IsOptional(), null is not let through to a NOT NULL column. */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
