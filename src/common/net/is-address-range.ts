import { ValidateBy, ValidationOptions } from 'class-validator';
import { addressRangeProblem } from './address-ranges';

const IPV4 = '((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

const GROUP = '[0-9A-Fa-f]{1,4}';
/** An IPv6 address in hex groups, full or with one `::` (the forms with an IPv4 tail are left to the server). */
const IPV6_HEX = [
  `(${GROUP}:){7}${GROUP}`,
  ...[1, 2, 3, 4, 5, 6].map((before) => `(${GROUP}:){1,${before}}(:${GROUP}){1,${7 - before}}`),
  `(${GROUP}:){1,7}:`,
  `:(:${GROUP}){1,7}`,
  '::',
].join('|');

/**
 * What IsAddressRange takes, as a schema: an IPv4 or IPv6 address, or a CIDR range of either (an IPv6 range's
 * address in hex groups; the server also takes one with an IPv4 tail, which the schema does not spell out).
 */
export const ADDRESS_RANGE_SCHEMA = {
  anyOf: [
    { format: 'ipv4' },
    { format: 'ipv6' },
    { pattern: `^${IPV4}/(3[0-2]|[12]?[0-9])$` },
    { pattern: `^(${IPV6_HEX})/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$` },
  ],
};

/** An IPv4 or IPv6 address or CIDR range, as addressRangeProblem accepts it; the message says what is wrong. */
export const IsAddressRange = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAddressRange',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && addressRangeProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.value} ${addressRangeProblem(args.value)}`
            : 'must be an IPv4 or IPv6 address or CIDR range',
      },
    },
    options,
  );
