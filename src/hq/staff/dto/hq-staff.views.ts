import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/access/role';
import type { HqStaffMember, HqStaffSite } from '../hq-staff.entities';

export class StaffSiteView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
}

/** A person of the directory, without their secrets. */
export class HqStaffView {
  @ApiProperty({ format: 'uuid', description: 'Also their user id at every site they are assigned to' })
  id!: string;
  @ApiProperty({ example: 'anna' }) username!: string;
  @ApiProperty({ example: 'Anna K.' }) displayName!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() hasPassword!: boolean;
  @ApiProperty() hasPin!: boolean;
  @ApiProperty({
    enum: Role,
    enumName: 'Role',
    nullable: true,
    description: 'Their role at every site; null: see sites',
  })
  allSitesRole!: Role | null;
  @ApiProperty({ type: [StaffSiteView] }) sites!: StaffSiteView[];
  @ApiProperty({ example: 12, description: 'The directory’s version when they last changed' })
  version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, member: HqStaffMember, sites: HqStaffSite[]): HqStaffView {
    return {
      id: member.id,
      username: member.username,
      displayName: member.displayName,
      active: member.active,
      hasPassword: member.passwordHash !== null,
      hasPin: member.pinSealed !== null,
      allSitesRole: member.allSitesRole,
      sites: member.allSitesRole ? [] : sites.map(({ siteId, role }) => ({ siteId, role })),
      version: member.version,
      updatedAt: member.updatedAt.toISOString(),
    };
  }
}

/** A person as one site takes them: their role there (null: not, or no longer, assigned there) and secrets. */
export class SiteStaffMemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'anna' }) username!: string;
  @ApiProperty({ example: 'Anna K.' }) displayName!: string;
  @ApiProperty({ description: 'false: they may sign in nowhere' }) active!: boolean;
  @ApiProperty({
    enum: Role,
    enumName: 'Role',
    nullable: true,
    description: 'Their role at this site; null: not assigned here',
  })
  role!: Role | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'scrypt, as the site keeps its users’ passwords',
  })
  passwordHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The PIN, which the site hashes with its own pepper',
  })
  pin!: string | null;
  @ApiProperty({ example: 12 }) version!: number;
}

/** The people changed after the version a site holds, as it takes them; `version`: the directory's now. */
export class SiteStaffView {
  @ApiProperty({ example: 12 }) version!: number;
  @ApiProperty({ type: [SiteStaffMemberView] }) staff!: SiteStaffMemberView[];
}
