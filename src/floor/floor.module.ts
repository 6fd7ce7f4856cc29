import { Module } from '@nestjs/common';
import { FloorService } from './floor.service';
import { LocationsController } from './locations.controller';
import { QrCodeService } from './qr-code.service';
import { TablesController } from './tables.controller';

@Module({
  controllers: [LocationsController, TablesController],
  providers: [FloorService, QrCodeService],
  exports: [FloorService, QrCodeService],
})
export class FloorModule {}
