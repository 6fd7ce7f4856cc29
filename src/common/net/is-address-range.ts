import { ValidateBy, ValidationOptions } from 'class-validator';
import { addressRangeProblem } from './address-ranges';

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
