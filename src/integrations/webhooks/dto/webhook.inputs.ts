import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidationArguments,
} from 'class-validator';
import { EventType, INTEGRATION_EVENT_TYPES, PERSONAL_EVENT_TYPES } from '../../../event-log/event-type';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { PageQuery } from '../../../common/pagination/page';
import { DELIVERY_STATUSES, DeliveryStatus } from '../webhook-delivery.entity';
import { MAX_URL_LENGTH } from '../webhook-url';

/** How an event type's name looks: only such a value is repeated back in the 422, never arbitrary text. */
const EVENT_TYPE_NAME = /^[a-z][a-z_]*(\.[a-z_]+)+$/;

/** Names the values that are not integration event types (by position, if not shaped like one), so the 422 says which one is wrong. */
function unknownEventTypes({ value, property }: ValidationArguments): string {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const bad = values.flatMap((type, index) => {
    if (INTEGRATION_EVENT_TYPES.includes(type as EventType)) return [];
    const named = typeof type === 'string' && type.length <= 100 && EVENT_TYPE_NAME.test(type);
    return [named ? JSON.stringify(type) : `${property}[${index}]`];
  });
  return `${bad.join(', ')} is not an event type webhooks can receive; use: ${INTEGRATION_EVENT_TYPES.join(', ')}`;
}

const Url = () => (target: object, property: string) => {
  IsString()(target, property);
  MaxLength(MAX_URL_LENGTH)(target, property);
};

const Events = () => (target: object, property: string) => {
  IsArray()(target, property);
  ArrayMinSize(1)(target, property);
  ArrayMaxSize(INTEGRATION_EVENT_TYPES.length)(target, property);
  ArrayUnique()(target, property);
  IsIn(INTEGRATION_EVENT_TYPES, { each: true, message: unknownEventTypes })(target, property);
};

const Description = () => (target: object, property: string) => {
  IsOptional()(target, property);
  IsString()(target, property);
  MaxLength(500)(target, property);
};

const URL_DOC = {
  example: 'https://hooks.example.com/pos',
  maxLength: MAX_URL_LENGTH,
  description:
    'http or https. Unless WEBHOOK_ALLOW_PRIVATE, neither a literal non-public address (private, loopback, ' +
    'link-local, documentation or another non-public entry of the IANA special-purpose registries, or an IPv6 ' +
    'address that embeds one: IPv4-mapped, -compatible, NAT64, 6to4) nor (checked at every delivery) a name ' +
    'that resolves to one',
};

const EVENTS_DOC = {
  type: [String],
  enum: [...INTEGRATION_EVENT_TYPES],
  enumName: 'IntegrationEventType',
  minItems: 1,
  maxItems: INTEGRATION_EVENT_TYPES.length,
  uniqueItems: true,
  example: [EventType.OrderCreated, EventType.OrderPaid],
};

const PERSONAL_DATA_DOC = {
  description:
    'Consent that this receiver gets guests’ personal data, as an API key with customers:read does: ' +
    `${PERSONAL_EVENT_TYPES.join(' and ')} (which need it), and orders with their customer’s name and allergens ` +
    'and the fulfilment’s customerName, phone and address. Without it orders come with `customer: {id}` and ' +
    'the fulfilment without those fields.',
};

export class CreateWebhookInput {
  @ApiProperty(URL_DOC)
  @Url()
  url!: string;

  @ApiProperty(EVENTS_DOC)
  @Events()
  events!: EventType[];

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Accounting sync' })
  @Description()
  description?: string | null;

  @ApiPropertyOptional({ ...PERSONAL_DATA_DOC, default: false })
  @OptionalNotNull()
  @IsBoolean()
  personalData?: boolean;
}

export class UpdateWebhookInput {
  @ApiPropertyOptional(URL_DOC)
  @OptionalNotNull()
  @Url()
  url?: string;

  @ApiPropertyOptional({ ...EVENTS_DOC, description: 'Replaces the list; applies to events from now on' })
  @OptionalNotNull()
  @Events()
  events?: EventType[];

  @ApiPropertyOptional({
    description: 'true re-enables a disabled subscription: its queued deliveries resume, in order',
  })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it' })
  @Description()
  description?: string | null;

  @ApiPropertyOptional(PERSONAL_DATA_DOC)
  @OptionalNotNull()
  @IsBoolean()
  personalData?: boolean;
}

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}
