import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ModifierChoiceInput {
  @ApiProperty({
    format: 'uuid',
    description: "An option of one of the dish's modifier groups (see GET /menu)",
  })
  @IsString()
  @Length(1, 36)
  optionId!: string;
}
