import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { UsersModule } from '../users/users.module';
import { DrawerStaffReferences } from './drawer-staff-references';
import { ShiftsController } from './shifts.controller';
import { ShiftsService } from './shifts.service';

@Module({
  imports: [UsersModule, OrdersModule],
  controllers: [ShiftsController],
  providers: [ShiftsService, DrawerStaffReferences],
  exports: [ShiftsService],
})
export class ShiftsModule {}
