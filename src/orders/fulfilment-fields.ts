import type { CountryCode } from 'libphonenumber-js';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { toE164, wholeE164 } from '../common/phone-numbers';
import { OrderType } from '../common/order-type';
import type { CourierInput, FulfilmentInput } from './dto/fulfilment.inputs';
import { OWN_CHANNEL } from '../common/access/channel-access';
import { Courier, FulfilmentStatus, HAS_FULFILMENT } from './fulfilment';
import type { Order } from './order.entity';

/** Where an order comes from and how far it is: the restaurant's own (the default) or a channel's. */
export interface FulfilmentOrigin {
  /** `own` or a channel's code. */
  channel?: string;
  /** The channel's id of the order: unique per channel. */
  externalId?: string | null;
  status?: FulfilmentStatus.Received | FulfilmentStatus.Accepted;
  /**
   * A channel's contact data never refuses its order: a phone that is not a valid number (a relay number) or
   * that E.164 cannot hold whole (an extension) is kept as given and marked unverified instead of a 422.
   */
  keepInvalidPhone?: boolean;
}

type FulfilmentFields = Pick<
  Order,
  | 'fulfilmentStatus'
  | 'fulfilmentName'
  | 'fulfilmentPhone'
  | 'fulfilmentPhoneVerified'
  | 'fulfilmentAddress'
  | 'fulfilmentReason'
  | 'promisedAt'
  | 'channel'
  | 'externalId'
  | 'courier'
>;

const NONE: FulfilmentFields = {
  fulfilmentStatus: null,
  fulfilmentName: null,
  fulfilmentPhone: null,
  fulfilmentPhoneVerified: true,
  fulfilmentAddress: null,
  fulfilmentReason: null,
  promisedAt: null,
  channel: null,
  externalId: null,
  courier: null,
};

/**
 * The fulfilment columns of a new order of `type`: none on dine-in (422 when one was sent), and on takeaway and
 * delivery what `input` says, the phone as E.164; a delivery needs a phone and an address. Problems are named
 * under `field` (`fulfilment.phone`), all at once.
 */
export function fulfilmentFields(
  type: OrderType,
  input: FulfilmentInput | undefined,
  origin: FulfilmentOrigin,
  region: CountryCode,
  field = 'fulfilment',
): FulfilmentFields {
  if (!HAS_FULFILMENT(type)) {
    if (input) throw DomainError.invalidField(field, 'only takeaway and delivery orders have a fulfilment');
    return NONE;
  }
  const problems: FieldProblem[] = [];
  const e164 = input?.phone ? (origin.keepInvalidPhone ? wholeE164 : toE164)(input.phone, region) : null;
  const unverified = Boolean(input?.phone) && !e164;
  if (unverified && !origin.keepInvalidPhone)
    problems.push({ field: `${field}.phone`, message: 'must be a phone number' });
  const phone = unverified ? input!.phone!.trim() : e164;
  if (input && type === OrderType.Delivery) {
    if (!input.phone) problems.push({ field: `${field}.phone`, message: 'is required for delivery' });
    if (!input.address) problems.push({ field: `${field}.address`, message: 'is required for delivery' });
  }
  if (problems.length > 0) throw DomainError.validation(problems);
  const address = type === OrderType.Delivery ? input?.address : undefined;
  return {
    fulfilmentStatus: origin.status ?? FulfilmentStatus.Received,
    fulfilmentName: input?.customerName ?? null,
    fulfilmentPhone: phone,
    fulfilmentPhoneVerified: !unverified,
    fulfilmentAddress: address
      ? {
          line1: address.line1,
          line2: address.line2 ?? null,
          city: address.city ?? null,
          postcode: address.postcode ?? null,
          notes: address.notes ?? null,
        }
      : null,
    fulfilmentReason: null,
    promisedAt: input?.promisedAt ? new Date(input.promisedAt) : null,
    channel: origin.channel ?? OWN_CHANNEL,
    externalId: origin.externalId ?? null,
    courier: null,
  };
}

/** A courier as stored: its phone as E.164 (422 naming `field.phone` when it is not a number). */
export function courierOf(input: CourierInput, region: CountryCode, field = 'courier'): Courier {
  const phone = input.phone ? toE164(input.phone, region) : null;
  if (input.phone && !phone) throw DomainError.invalidField(`${field}.phone`, 'must be a phone number');
  return { name: input.name ?? null, phone, trackingUrl: input.trackingUrl ?? null };
}
