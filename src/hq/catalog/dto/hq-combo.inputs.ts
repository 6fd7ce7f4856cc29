import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NestedList } from '../../../common/nested-list';
import { MAX_COMBO_SLOTS, MAX_SLOT_CHOICES } from '../../../menu/combos';
import { ComboSlotInput, MAX_UPCHARGE } from '../../../menu/dto/combo.inputs';
import { HQ_KEY_PATTERN, HqKey } from './hq-key';

export class HqComboChoiceInput {
  @ApiProperty({
    example: 'fries',
    pattern: HQ_KEY_PATTERN.source,
    description: 'A dish of the catalog that is not a combo itself',
  })
  @HqKey()
  dishKey!: string;

  @ApiProperty({ example: 'fries-regular', pattern: HQ_KEY_PATTERN.source, description: 'A variation of it' })
  @HqKey()
  variationKey!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_UPCHARGE,
    default: 0,
    description: 'Minor units added to the combo’s price when this choice is taken',
  })
  @IsOptional()
  @IsInt({ message: 'must be an integer amount in minor units' })
  @Min(0)
  @Max(MAX_UPCHARGE)
  upcharge?: number;
}

/** A slot of a combo of the master catalog, as a site's own combo has it, its choices by hqKey. */
export class HqComboSlotInput extends PickType(ComboSlotInput, [
  'name',
  'minChoices',
  'maxChoices',
] as const) {
  @ApiProperty({ type: [HqComboChoiceInput], minItems: 1, maxItems: MAX_SLOT_CHOICES })
  @NestedList(() => HqComboChoiceInput, { min: 1, max: MAX_SLOT_CHOICES })
  choices!: HqComboChoiceInput[];
}

export class HqComboInput {
  @ApiProperty({ type: [HqComboSlotInput], minItems: 1, maxItems: MAX_COMBO_SLOTS })
  @NestedList(() => HqComboSlotInput, { min: 1, max: MAX_COMBO_SLOTS })
  slots!: HqComboSlotInput[];
}
