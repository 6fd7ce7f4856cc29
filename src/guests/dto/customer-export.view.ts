import { ApiProperty } from '@nestjs/swagger';
import { OrderStatus } from '../../orders/order-status';
import { LoyaltyActivityView } from './loyalty.dto';
import { ConsentView, CustomerView } from './customer.views';

export class ExportedOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 42 }) number!: number;
  @ApiProperty({ example: '2026-11-22' }) businessDay!: string;
  @ApiProperty({ enum: OrderStatus, enumName: 'OrderStatus' }) status!: OrderStatus;
  @ApiProperty({ description: 'Minor units' }) total!: number;
  @ApiProperty({ description: 'Minor units paid, net of refunds' }) paid!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
}

export class ExportedLoyaltyView {
  @ApiProperty({ description: 'The balance' }) points!: number;
  @ApiProperty({ type: [LoyaltyActivityView], description: 'The whole ledger, oldest first' })
  activities!: LoyaltyActivityView[];
}

/** Everything held about one person (a subject access request). */
export class CustomerExportView {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: CustomerView }) customer!: CustomerView;
  @ApiProperty({ type: [ConsentView], description: 'Every answer to the marketing question, oldest first' })
  consents!: ConsentView[];
  @ApiProperty({ type: [ExportedOrderView], description: 'Their orders, oldest first' })
  orders!: ExportedOrderView[];
  @ApiProperty({ type: ExportedLoyaltyView }) loyalty!: ExportedLoyaltyView;
}
