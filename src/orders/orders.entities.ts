import type { EntityTarget } from '../database/entity-target';
import { OrderItem } from './order-item.entity';
import { OrderNumber } from './order-number.entity';
import { Order } from './order.entity';

export const ORDER_ENTITIES: EntityTarget[] = [Order, OrderItem, OrderNumber];
