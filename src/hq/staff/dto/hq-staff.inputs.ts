import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Role } from '../../../common/access/role';
import { NestedList } from '../../../common/nested-list';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { CreateUserInput, PIN } from '../../../users/dto/user.inputs';

/** A person is assigned to this many sites at most (or to all of them). */
export const MAX_STAFF_SITES = 200;

export class StaffSiteInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  siteId!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role!: Role;
}

export class CreateHqStaffInput extends PickType(CreateUserInput, [
  'username',
  'displayName',
  'password',
  'pin',
] as const) {
  @ApiPropertyOptional({
    enum: Role,
    enumName: 'Role',
    nullable: true,
    description: 'Their role at every site, present and future; null or left out: the sites of `sites` only',
  })
  @IsOptional()
  @IsEnum(Role)
  allSitesRole?: Role | null;

  @ApiPropertyOptional({
    type: [StaffSiteInput],
    maxItems: MAX_STAFF_SITES,
    description: 'The sites they work at, each with their role there (ignored with allSitesRole)',
  })
  @OptionalNotNull()
  @NestedList(() => StaffSiteInput, { max: MAX_STAFF_SITES })
  sites?: StaffSiteInput[];
}

/** Each field optional, none null (422) but `allSitesRole`: a null username, name, PIN or list has no meaning. */
export class UpdateHqStaffInput extends PartialType(OmitType(CreateHqStaffInput, ['pin'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ description: 'false: they can sign in nowhere, at once at every linked site' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: '4821', description: '4 to 8 digits, for the PIN pad' })
  @OptionalNotNull()
  @IsString()
  @Matches(PIN, { message: 'must be 4 to 8 digits' })
  pin?: string;
}

/** A problem's text is this long at most. */
export const MAX_STAFF_PROBLEM_LENGTH = 1000;

export class SiteStaffProblemInput {
  @ApiProperty({ format: 'uuid', description: 'The person whose entry the site could not take as it is' })
  @IsUUID()
  staffId!: string;

  @ApiProperty({ maxLength: MAX_STAFF_PROBLEM_LENGTH })
  @IsString()
  @MaxLength(MAX_STAFF_PROBLEM_LENGTH)
  problem!: string;
}

/** Problems a site reports at once, at most: one pull's people. */
export const MAX_STAFF_PROBLEMS = 500;

/** Every problem the site has with the directory's entries now: it replaces what it reported before. */
export class SiteStaffProblemsInput {
  @ApiProperty({ type: [SiteStaffProblemInput], maxItems: MAX_STAFF_PROBLEMS })
  @NestedList(() => SiteStaffProblemInput, { max: MAX_STAFF_PROBLEMS })
  problems!: SiteStaffProblemInput[];
}
