import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { NestedList } from '../../../common/nested-list';
import { HQ_CATALOG_ROW_KINDS, type HqCatalogRowKind } from '../../../menu/hq-catalog-rows';

/** The most rows a site reports set aside: more are left out of its report (its own view lists them all). */
export const MAX_CATALOG_ROW_PROBLEMS = 200;

/** A row of the publication the site set aside, and why. */
export class CatalogRowProblemInput {
  @ApiProperty({ enum: HQ_CATALOG_ROW_KINDS, description: 'The list of the catalog it is in' })
  @IsIn(HQ_CATALOG_ROW_KINDS)
  kind!: HqCatalogRowKind;

  @ApiProperty({ example: 'margherita', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  hqKey!: string;

  @ApiProperty({
    example: 'variations[1].name clashes with the variation "Half" the site added to the dish itself',
    minLength: 1,
    maxLength: 1000,
  })
  @IsString()
  @Length(1, 1000)
  problem!: string;
}

/** What a site says of the publication it pulled. */
export class CatalogReportInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  publicationId!: string;

  @ApiProperty({ enum: ['applied', 'failed'] })
  @IsIn(['applied', 'failed'])
  state!: 'applied' | 'failed';

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why it failed, as the site’s menu refused it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({
    type: [CatalogRowProblemInput],
    maxItems: MAX_CATALOG_ROW_PROBLEMS,
    description: 'With `applied`: the rows the site could not take, set aside while the rest applied',
  })
  @IsOptional()
  @NestedList(() => CatalogRowProblemInput, { max: MAX_CATALOG_ROW_PROBLEMS })
  problems?: CatalogRowProblemInput[];
}
