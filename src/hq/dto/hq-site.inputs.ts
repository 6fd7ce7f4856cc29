import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';
import { Name } from '../../menu/dto/menu.inputs';
import { RestaurantInput } from '../../restaurant/dto/restaurant.dto';

/** What a site says when it contacts headquarters. */
export class SiteContactQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-26',
    description:
      'The business day the site trades in now: the day of its row on the live board (GET /hq/live)',
  })
  @IsOptional()
  @IsBusinessDay()
  businessDay?: string;
}

/** A site belongs to this many groups at most. */
export const MAX_GROUPS_PER_SITE = 20;

/** A new site: its identity as its own restaurant profile will have it, and its groups in their order. */
export class CreateHqSiteInput extends PickType(RestaurantInput, [
  'name',
  'address',
  'taxId',
  'timezone',
  'currency',
  'country',
] as const) {
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone: the site’s business days' })
  override timezone!: string;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$', description: 'ISO 4217: the site’s money' })
  override currency!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_GROUPS_PER_SITE,
    description: 'Its groups, in order: an override of an earlier group wins over a later one’s',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUPS_PER_SITE)
  @IsUUID('4', { each: true })
  groupIds?: string[];
}

export class CreateHqSiteGroupInput {
  @ApiProperty({ example: 'Bavaria', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The group this one is part of' })
  @IsOptional()
  @IsUUID('4')
  parentId?: string;
}

/** What a site sends once to trade its link code for its credential. */
export class HqLinkCodeInput {
  @ApiProperty({
    example: 'K7QM-2XHP-9RWA',
    minLength: 1,
    maxLength: 40,
    description: 'The one-time link code headquarters showed for the site (dashes and spaces are ignored)',
  })
  @IsString()
  @Length(1, 40)
  code!: string;
}

/** A site's identity as its own restaurant profile has it. */
export class SiteIdentityInput extends PickType(RestaurantInput, [
  'name',
  'address',
  'taxId',
  'timezone',
  'currency',
  'country',
] as const) {}

/** What a site's service sends to headquarters to link: the code, and its identity when it keeps its own. */
export class SiteLinkInput extends HqLinkCodeInput {
  @ApiPropertyOptional({
    type: SiteIdentityInput,
    description:
      'Sent by a site that has sold already: it keeps its own identity (its records were made in it) instead of ' +
      'taking headquarters’ one, and headquarters shows the difference (HqSiteView.identityDifferences)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SiteIdentityInput)
  identity?: SiteIdentityInput;
}
