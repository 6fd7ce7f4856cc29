import { Module } from '@nestjs/common';
import { PricingModule } from '../pricing/pricing.module';
import { FloorPriceLevels } from './floor-price-levels';
import { FloorService } from './floor.service';
import { LocationsController } from './locations.controller';
import { QrCodeService } from './qr-code.service';
import { TablesController } from './tables.controller';

@Module({
  imports: [PricingModule],
  controllers: [LocationsController, TablesController],
  providers: [FloorService, QrCodeService, FloorPriceLevels],
  exports: [FloorService, QrCodeService],
})
export class FloorModule {}
