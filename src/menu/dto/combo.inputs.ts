import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_COMBO_CHOICES, MAX_COMBO_SLOTS, MAX_SLOT_CHOICES } from '../combos';
import { NestedList } from '../../common/nested-list';

export const MAX_UPCHARGE = 100_000_000;

export class ComboChoiceInput {
  @ApiProperty({ format: 'uuid', description: 'A live dish that is not a combo itself' })
  @IsString()
  @Length(1, 36)
  dishId!: string;

  @ApiProperty({ format: 'uuid', description: 'A live variation of that dish' })
  @IsString()
  @Length(1, 36)
  variationId!: string;

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

export class ComboSlotInput {
  @ApiProperty({ example: 'Side', minLength: 1, maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_COMBO_CHOICES, example: 1 })
  @IsInt()
  @Min(0)
  @Max(MAX_COMBO_CHOICES)
  minChoices!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_COMBO_CHOICES, example: 1, description: 'At least minChoices' })
  @IsInt()
  @Min(1)
  @Max(MAX_COMBO_CHOICES)
  maxChoices!: number;

  @ApiProperty({ type: [ComboChoiceInput], minItems: 1, maxItems: MAX_SLOT_CHOICES })
  @NestedList(() => ComboChoiceInput, { min: 1, max: MAX_SLOT_CHOICES })
  choices!: ComboChoiceInput[];
}

export class ComboInput {
  @ApiProperty({ type: [ComboSlotInput], minItems: 1, maxItems: MAX_COMBO_SLOTS })
  @NestedList(() => ComboSlotInput, { min: 1, max: MAX_COMBO_SLOTS })
  slots!: ComboSlotInput[];
}

/** A dish's `combo` on POST and PATCH /dishes: its slots, or null for a plain dish (PATCH: null makes it plain). */
export const ComboProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: ComboInput,
      nullable: true,
      description:
        'Makes the dish a combo (docs/combos.md): its price is its variation’s; each slot takes minChoices to ' +
        'maxChoices of its choices. A choice naming an unknown or deleted dish or variation, or a combo, is a 422 ' +
        'naming it; null: a plain dish.',
    }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => ComboInput),
  );
