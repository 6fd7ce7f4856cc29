import { ApiProperty } from '@nestjs/swagger';
import { FulfilmentStatus } from '../fulfilment';
import type { Order } from '../order.entity';

export class AddressView {
  @ApiProperty({ example: 'Hauptstraße 5' }) line1!: string;
  @ApiProperty({ type: String, nullable: true }) line2!: string | null;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: String, nullable: true }) postcode!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
}

export class CourierView {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) trackingUrl!: string | null;
}

/** What the schema says of a field left out for whoever may not see guests' personal data. */
export const PERSONAL = 'Left out for an API key without customers:read.';

export class FulfilmentView {
  @ApiProperty({ enum: FulfilmentStatus, enumName: 'FulfilmentStatus' }) status!: FulfilmentStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    example: 'Ada Lovelace',
    description: PERSONAL,
  })
  customerName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    example: '+49301234567',
    description: `E.164; on a channel’s order, a phone that is not a valid number as the channel gave it. ${PERSONAL}`,
  })
  phone!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'false: `phone` is not a valid number, kept as a channel gave it (a relay number, an extension); null ' +
      'without a phone',
  })
  phoneVerified!: boolean | null;
  @ApiProperty({
    type: AddressView,
    nullable: true,
    required: false,
    description: `Delivery orders. ${PERSONAL}`,
  })
  address!: AddressView | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) promisedAt!: string | null;
  @ApiProperty({ example: 'own', description: '`own` or the code of the channel the order came from' })
  channel!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The channel’s id of the order' })
  externalId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description:
      'On a part split off an order: the order it came from (the first one split, which keeps the channel’s ' +
      '`externalId`; the parts carry none)',
  })
  splitFrom!: string | null;
  @ApiProperty({ type: CourierView, nullable: true }) courier!: CourierView | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected' }) reason!: string | null;

  /** The fulfilment of a takeaway or delivery order; null for dine-in. */
  static of(this: void, order: Order): FulfilmentView | null {
    if (!order.fulfilmentStatus) return null;
    return {
      status: order.fulfilmentStatus,
      customerName: order.fulfilmentName,
      phone: order.fulfilmentPhone,
      phoneVerified: order.fulfilmentPhone === null ? null : order.fulfilmentPhoneVerified,
      address: order.fulfilmentAddress ? { ...order.fulfilmentAddress } : null,
      promisedAt: order.promisedAt ? order.promisedAt.toISOString() : null,
      channel: order.channel ?? 'own',
      externalId: order.externalId,
      splitFrom: order.splitFrom,
      courier: order.courier ? { ...order.courier } : null,
      reason: order.fulfilmentReason,
    };
  }
}
