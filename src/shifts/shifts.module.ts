import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { UsersModule } from '../users/users.module';
import { DrawerMoneyRecords } from './drawer-money-records';
import { DrawerStaffReferences } from './drawer-staff-references';
import { ShiftsController } from './shifts.controller';
import { ShiftsService } from './shifts.service';

@Module({
  imports: [UsersModule, OrdersModule],
  controllers: [ShiftsController],
  providers: [ShiftsService, DrawerStaffReferences, DrawerMoneyRecords],
  exports: [ShiftsService],
})
export class ShiftsModule {}
