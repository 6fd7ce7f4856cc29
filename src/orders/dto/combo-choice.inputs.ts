import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { MAX_COMBO_SLOTS } from '../../menu/combos';
import { MAX_MODIFIERS_PER_LINE } from '../../menu/modifier-choices';
import { ModifierChoiceInput } from './modifier-choice.inputs';
import { NestedList } from '../../common/nested-list';

/** The most choices one combo line may take. */
export const MAX_COMBO_CHOICES_PER_LINE = 50;

export class ComboChoiceLineInput {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_COMBO_SLOTS - 1,
    description: "The slot's index in the menu's combo",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_COMBO_SLOTS - 1)
  slot!: number;

  @ApiProperty({ format: 'uuid', description: 'One of the slot’s choices' })
  @IsString()
  @Length(1, 36)
  dishId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required when the slot offers the dish more than once',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  variationId?: string;

  @ApiPropertyOptional({
    type: [ModifierChoiceInput],
    maxItems: MAX_MODIFIERS_PER_LINE,
    default: [],
    description: "Options of the chosen dish's own modifier groups, as on a line of that dish",
  })
  @OptionalNotNull()
  @NestedList(() => ModifierChoiceInput, { max: MAX_MODIFIERS_PER_LINE })
  modifiers?: ModifierChoiceInput[];
}
