import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PickupBoardsController } from './pickup-boards.controller';
import { PickupBoardsService } from './pickup-boards.service';

/** Pickup boards: made and revoked by managers, read by their token (the public route is the public module's). */
@Module({
  imports: [OrdersModule],
  controllers: [PickupBoardsController],
  providers: [PickupBoardsService],
  exports: [PickupBoardsService],
})
export class PickupBoardsModule {}
