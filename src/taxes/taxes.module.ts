import { Module } from '@nestjs/common';
import { TaxCatalog } from './tax-catalog';
import { TaxChangeLog } from './tax-change-log';
import { TaxLedger } from './tax-ledger';
import { TaxMappingsController } from './tax-mappings.controller';
import { TaxMappingsService } from './tax-mappings.service';
import { TaxPresetsController } from './tax-presets.controller';
import { TaxRateReferences } from './tax-rate-references';
import { TaxRatesController } from './tax-rates.controller';
import { TaxRatesService } from './tax-rates.service';

/**
 * Tax rates and mappings (fiscal positions), and the rules ordering applies from memory. Below menu and orders:
 * they name rates and ask the catalogue; they say what names a rate through TaxRateReferences.
 */
@Module({
  controllers: [TaxRatesController, TaxMappingsController, TaxPresetsController],
  providers: [TaxRatesService, TaxMappingsService, TaxChangeLog, TaxCatalog, TaxRateReferences, TaxLedger],
  exports: [TaxRatesService, TaxCatalog, TaxRateReferences, TaxLedger],
})
export class TaxesModule {}
