import { ValidateBy, ValidationOptions } from 'class-validator';
import { addressRangeProblem } from './address-ranges';

const IPV4 = '((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

/**
 * What IsAddressRange takes, as a schema: an IPv4 or IPv6 address, an IPv4 CIDR range, or an IPv6 one (its
 * address part only as hex digits, colons and dots: the exact IPv6 grammar as a pattern would be longer than the
 * rule, so the server's check decides the rest).
 */
export const ADDRESS_RANGE_SCHEMA = {
  anyOf: [
    { format: 'ipv4' },
    { format: 'ipv6' },
    { pattern: `^${IPV4}/(3[0-2]|[12]?[0-9])$` },
    { pattern: '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$' },
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
