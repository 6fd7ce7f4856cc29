import { ApiProperty } from '@nestjs/swagger';
import { OrderType } from '../../common/order-type';

export class PickupBoardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Counter screen' }) name!: string;
  @ApiProperty({
    example: 'Vb2cQm9x0eR1yT3uI5oP7aS9dF1gH3jK',
    description: 'Opens the board without a login: anyone with it sees the board (order numbers only)',
  })
  token!: string;
  @ApiProperty({
    example: 'https://pos.example.com/pickup?board=Vb2cQm9x0eR1yT3uI5oP7aS9dF1gH3jK',
    description: 'PUBLIC_BASE_URL/pickup?board=<token>: the page to open on the screen',
  })
  url!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PickupBoardNameView {
  @ApiProperty({ example: 'Counter screen' }) name!: string;
}

export class PickupOrderView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 42, description: 'The ticket number, as on the order and the receipt' })
  number!: number;
  @ApiProperty({ enum: [OrderType.Takeaway, OrderType.Delivery] }) type!: OrderType;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'own',
    description: '`own` or the sales channel’s code (a courier collects those)',
  })
  channel!: string | null;
}

export class ReadyPickupOrderView extends PickupOrderView {
  @ApiProperty({ format: 'date-time', description: 'When its last item was put on the pass' })
  readyAt!: string;
}

export class PickupBoardDisplayView {
  @ApiProperty({ type: PickupBoardNameView }) board!: PickupBoardNameView;
  @ApiProperty({ type: [PickupOrderView], description: 'Accepted, still cooking: oldest first' })
  preparing!: PickupOrderView[];
  @ApiProperty({
    type: [ReadyPickupOrderView],
    description:
      'Every item ready, not yet handed over (served, picked up, out for delivery) or closed: ready longest first',
  })
  ready!: ReadyPickupOrderView[];
}
