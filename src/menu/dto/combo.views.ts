import { ApiProperty } from '@nestjs/swagger';

export class ComboChoiceView {
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ format: 'uuid' }) variationId!: string;
  @ApiProperty({ example: 0, description: 'Minor units added to the combo’s price when taken' })
  upcharge!: number;
}

export class ComboSlotView {
  @ApiProperty({ example: 'Drink' }) name!: string;
  @ApiProperty({ example: 1 }) minChoices!: number;
  @ApiProperty({ example: 1 }) maxChoices!: number;
  @ApiProperty({ type: [ComboChoiceView] }) choices!: ComboChoiceView[];
}

export class ComboView {
  @ApiProperty({ type: [ComboSlotView] }) slots!: ComboSlotView[];
}

export class MenuComboChoiceView extends ComboChoiceView {
  @ApiProperty({ example: 'Cola' }) name!: string;
  @ApiProperty({ example: 'Regular' }) variationName!: string;
}

export class MenuComboSlotView {
  @ApiProperty({ example: 'Drink' }) name!: string;
  @ApiProperty({ example: 1 }) minChoices!: number;
  @ApiProperty({ example: 1 }) maxChoices!: number;
  @ApiProperty({
    type: [MenuComboChoiceView],
    description: 'The choices available now; an order line names one as `{slot, dishId, variationId}`',
  })
  choices!: MenuComboChoiceView[];
}

export class MenuComboView {
  @ApiProperty({
    type: [MenuComboSlotView],
    description: 'In order: `slot` in comboChoices is the index here',
  })
  slots!: MenuComboSlotView[];
}
