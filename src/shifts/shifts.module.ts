import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { DrawerStaffReferences } from './drawer-staff-references';
import { ShiftsController } from './shifts.controller';
import { ShiftsService } from './shifts.service';

@Module({
  imports: [UsersModule],
  controllers: [ShiftsController],
  providers: [ShiftsService, DrawerStaffReferences],
  exports: [ShiftsService],
})
export class ShiftsModule {}
