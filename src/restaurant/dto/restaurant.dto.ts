import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
  IsArray,
  IsISO31661Alpha2,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import type { RestaurantDetails } from '../../config/app-config';
import { hasControlCharacter, isPageLocale, isTimeZone } from '../../config/setting-values';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { LANGUAGES } from '../../i18n/languages';
import type { RestaurantProfileRow } from '../restaurant-profile.entity';

/** The address's lines together: RESTAURANT_ADDRESS's limit. */
const ADDRESS_MAX_CHARACTERS = 200;
const ADDRESS_MAX_LINES = 6;
/** The zones the schema names: Intl's canonical ones and UTC (the server takes any name Intl knows, aliases too). */
const TIME_ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
/** The locales the schema names: a language of the pages, with a region or not (the server also takes scripts). */
const LOCALE_PATTERN = `^(${LANGUAGES.join('|')})(-[A-Z]{2})?$`;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Printed on bills and receipts: a control character would reach the printer as a command. */
const Printable = () =>
  ValidateBy({
    name: 'printable',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' || Array.isArray(value)
          ? ([] as unknown[])
              .concat(value)
              .every((text) => typeof text === 'string' && !hasControlCharacter(text))
          : true,
      defaultMessage: () => 'must not contain control characters',
    },
  });

const IanaTimeZone = () =>
  ValidateBy({
    name: 'ianaTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: () => 'must be an IANA time zone such as Europe/Berlin',
    },
  });

const PageLocale = () =>
  ValidateBy({
    name: 'pageLocale',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isPageLocale(value),
      defaultMessage: () => `must be a locale in ${LANGUAGES.join(' or ')}, such as en, en-GB, de or de-AT`,
    },
  });

const AddressLength = () =>
  ValidateBy({
    name: 'addressLength',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) && value.join('').length <= ADDRESS_MAX_CHARACTERS && value.every(Boolean),
      defaultMessage: () =>
        `must have non-empty lines of at most ${ADDRESS_MAX_CHARACTERS} characters together`,
    },
  });

/** When work becomes overtime; a threshold left out: none. */
export class OvertimeRuleInput {
  @ApiPropertyOptional({ example: 600, minimum: 1, maximum: 1440, description: 'Minutes in a local day' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  dailyAfterMinutes?: number;

  @ApiPropertyOptional({
    example: 2400,
    minimum: 1,
    maximum: 10080,
    description: 'Minutes in a local week (Monday on)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10080)
  weeklyAfterMinutes?: number;
}

/** The whole profile, as PUT /restaurant replaces it. */
export class RestaurantInput implements RestaurantDetails {
  @ApiProperty({ example: 'Zur Linde', minLength: 1, maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  @Printable()
  name!: string;

  @ApiProperty({
    type: [String],
    maxItems: ADDRESS_MAX_LINES,
    example: ['Lindenstraße 1', '10115 Berlin'],
    description: `Printed under the name, one entry per line; ${ADDRESS_MAX_CHARACTERS} characters at most together`,
  })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((line: unknown) => trimmed({ value: line })) : value,
  )
  @IsArray()
  @ArrayMaxSize(ADDRESS_MAX_LINES)
  @IsString({ each: true })
  // Implied by the lines' total, said per line so that the schema bounds each one.
  @MaxLength(ADDRESS_MAX_CHARACTERS, { each: true })
  @AddressLength()
  @Printable()
  address!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 40,
    example: 'DE123456789',
    description: 'VAT or tax number, printed on bills and receipts; null when none',
  })
  @Transform(trimmed)
  @ValidateIf((_input, value) => value !== null)
  @IsString()
  @Length(1, 40)
  @Printable()
  taxId!: string | null;

  @ApiProperty({
    example: 'Europe/Berlin',
    enum: TIME_ZONES,
    description: 'IANA time zone; refused (409) once money is recorded (`sold`)',
  })
  @IanaTimeZone()
  timezone!: string;

  @ApiProperty({
    example: 'EUR',
    pattern: '^[A-Z]{3}$',
    description: 'ISO 4217; refused (409) once money is recorded (`sold`)',
  })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR' })
  currency!: string;

  @ApiProperty({ example: 'DE', enum: [...CountryCodes].sort(), description: 'ISO 3166 alpha-2' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 alpha-2 code such as DE or AT' })
  @IsISO31661Alpha2({ message: 'must be an ISO 3166 alpha-2 code such as DE or AT' })
  country!: string;

  @ApiProperty({
    example: 'de-DE',
    maxLength: 35,
    pattern: LOCALE_PATTERN,
    description: `The pages' language and number forms when a device chooses none: ${LANGUAGES.join(' or ')}, with a region or not`,
  })
  @IsString()
  @Length(2, 35)
  @PageLocale()
  locale!: string;

  @ApiPropertyOptional({
    type: OvertimeRuleInput,
    description:
      'Overtime thresholds for the time clock; left out: kept as they are; {}: no overtime (the default)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OvertimeRuleInput)
  overtime?: OvertimeRuleInput;
}

export class RestaurantView extends RestaurantInput {
  @ApiProperty({
    description:
      'True once any money is recorded (a payment, a gift card issued or sold, a cash drawer opened, a business day closed): timezone and currency can no longer change',
  })
  sold!: boolean;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(this: void, row: RestaurantProfileRow, sold: boolean): RestaurantView {
    return {
      name: row.name,
      address: row.address,
      taxId: row.taxId,
      timezone: row.timezone,
      currency: row.currency,
      country: row.country,
      locale: row.locale,
      overtime: {
        ...(row.overtimeDailyAfterMinutes === null
          ? {}
          : { dailyAfterMinutes: row.overtimeDailyAfterMinutes }),
        ...(row.overtimeWeeklyAfterMinutes === null
          ? {}
          : { weeklyAfterMinutes: row.overtimeWeeklyAfterMinutes }),
      },
      sold,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
