import { IsString, Matches } from 'class-validator';

/** A stable key of the master catalog: lower-case letters, digits, dots, dashes and underscores. */
export const HQ_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
export const HQ_KEY_RULE =
  'lower-case letters, digits, ".", "-" and "_", 1 to 100, starting with a letter or digit';

export const HqKey =
  (options: { each?: boolean } = {}) =>
  (target: object, property: string) => {
    IsString(options)(target, property);
    Matches(HQ_KEY_PATTERN, { ...options, message: `must be an hqKey: ${HQ_KEY_RULE}` })(target, property);
  };
