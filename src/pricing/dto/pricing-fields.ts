import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { OrderType } from '../../common/order-type';
import { MAX_PRICE } from '../../menu/dto/menu.inputs';

export const ORDER_TYPES = Object.values(OrderType);

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const Name = () => (target: object, property: string) => {
  Transform(trimmed)(target, property);
  IsString()(target, property);
  Length(1, 100)(target, property);
};

/** An id of another record; whether it exists is the service's 422. */
export const Reference = () => (target: object, property: string) => {
  IsString()(target, property);
  Length(1, 36)(target, property);
};

/** A price in minor units, no more than a menu price may be. */
export const Price = () => (target: object, property: string) => {
  IsInt()(target, property);
  Min(0)(target, property);
  Max(MAX_PRICE)(target, property);
};

/** Order types, each one of OrderType; a repeated one counts once. */
export const OrderTypes = () => (target: object, property: string) => {
  IsArray()(target, property);
  ArrayMaxSize(ORDER_TYPES.length)(target, property);
  IsIn(ORDER_TYPES, { each: true, message: `each value must be one of: ${ORDER_TYPES.join(', ')}` })(
    target,
    property,
  );
};
