import { ApiProperty } from '@nestjs/swagger';
import type { PresetRate, TaxPreset } from '../tax-presets';
import { TaxRateView } from './tax.views';

export class PresetRateView implements PresetRate {
  @ApiProperty({ example: 'VAT 19 %' })
  name!: string;

  @ApiProperty({ example: 19, format: 'double' })
  percent!: number;

  @ApiProperty({ description: 'The standard rate: applied as a default rate unless one exists already' })
  isDefault!: boolean;
}

export class TaxPresetView implements TaxPreset {
  @ApiProperty({ example: 'DE', description: 'ISO 3166 alpha-2' })
  country!: string;

  @ApiProperty({ example: 'Germany' })
  name!: string;

  @ApiProperty({ type: [PresetRateView] })
  rates!: PresetRateView[];
}

export class TaxPresetListView {
  @ApiProperty({ type: [TaxPresetView] })
  items!: TaxPresetView[];
}

export class AppliedTaxPresetView {
  @ApiProperty({ example: 'DE' })
  country!: string;

  @ApiProperty({ type: [TaxRateView], description: 'The rates this call created: none when applied before' })
  created!: TaxRateView[];

  @ApiProperty({
    type: [TaxRateView],
    description: 'The active rates of the preset’s percents that were there already, left as they were',
  })
  existing!: TaxRateView[];
}
