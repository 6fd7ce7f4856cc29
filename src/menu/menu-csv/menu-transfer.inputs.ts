import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';

/** The request body limit is 1 MiB; a menu CSV of a few thousand lines fits well below it. */
export const MAX_MENU_CSV_LENGTH = 1_000_000;

export class MenuImportInput {
  @ApiProperty({
    maxLength: MAX_MENU_CSV_LENGTH,
    example:
      'key,category,dish,variation,price,tax,station,allergens,available\r\n' +
      ',Pizza,Margherita,Regular,8.50,VAT 19%,Oven,gluten; milk,yes\r\n',
    description:
      'The CSV text (RFC 4180, UTF-8, a byte order mark is fine): a header row naming the columns (docs/clients.md, ' +
      '"Menu CSV"), then one line per dish variation',
  })
  @IsString()
  @MaxLength(MAX_MENU_CSV_LENGTH)
  csv!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'true: only answers the plan, changing nothing',
  })
  @OptionalNotNull()
  @IsBoolean()
  dryRun?: boolean;
}

export class MenuExportQuery {
  @ApiProperty({ enum: ['csv'], description: 'The only format: text/csv; charset=utf-8 (RFC 4180)' })
  @IsIn(['csv'])
  format!: 'csv';
}
