import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Role } from '../../common/access/role';
import { OptionalNotNull } from '../../common/optional-not-null';
import { PageQuery } from '../../common/pagination/page';
import { QueryBoolean } from '../../common/pagination/query-boolean';

/** Letters of either case (stored lower case: the transform runs first), digits, ".", "-" and "_". */
const USERNAME = /^[A-Za-z0-9._-]+$/;
export const PIN = /^\d{4,8}$/;

const trimmedLowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateUserInput {
  @ApiProperty({ example: 'anna', description: 'Letters, digits, dot, dash, underscore; case-insensitive' })
  @Transform(trimmedLowerCase)
  @IsString()
  @Length(3, 64)
  @Matches(USERNAME, { message: 'may contain only letters, digits, ".", "-" and "_"' })
  username!: string;

  @ApiProperty({ example: 'Anna K.' })
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({ minLength: 8, maxLength: 200, description: 'At least one of password and pin' })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  password?: string;

  @ApiPropertyOptional({ example: '4821', description: '4 to 8 digits, for the PIN pad' })
  @IsOptional()
  @IsString()
  @Matches(PIN, { message: 'must be 4 to 8 digits' })
  pin?: string;
}

export class UpdateUserInput extends PartialType(OmitType(CreateUserInput, ['pin'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ description: 'false deactivates: the user can no longer log in' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    // `string | null` reflects as Object: name the type.
    type: String,
    example: '4821',
    nullable: true,
    description: '4 to 8 digits; null removes the PIN',
  })
  @IsOptional()
  @IsString()
  @Matches(PIN, { message: 'must be 4 to 8 digits' })
  pin?: string | null;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  active?: boolean;
}
