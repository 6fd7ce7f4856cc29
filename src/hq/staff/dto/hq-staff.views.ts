import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/access/role';
import type { HqStaffMember, HqStaffProblem, HqStaffSite } from '../hq-staff.entities';

export class StaffSiteView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
}

/** A site that could not take the person's last change, and why. */
export class StaffSiteProblemView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'the username anna is one of this site’s own users: kept anna.k' })
  problem!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
}

/** A person of the directory, without their secrets. */
export class HqStaffView {
  @ApiProperty({ format: 'uuid', description: 'Also their user id at every site they are assigned to' })
  id!: string;
  @ApiProperty({ example: 'anna', description: '`erased-<id>` once erased' }) username!: string;
  @ApiProperty({ example: 'Anna K.', description: '`Erased` once erased' }) displayName!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Erased: no name, no secrets, no sites; nothing of them can change any more' })
  erased!: boolean;
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
  @ApiProperty({
    type: [StaffSiteProblemView],
    description:
      'Sites that could not take their last change as it is (each applied the rest, and always a deactivation ' +
      'or erasure), as each reported it at its last contact',
  })
  problems!: StaffSiteProblemView[];
  @ApiProperty({ example: 12, description: 'The directory’s version when they last changed' })
  version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(
    this: void,
    member: HqStaffMember,
    sites: HqStaffSite[],
    problems: HqStaffProblem[] = [],
  ): HqStaffView {
    return {
      id: member.id,
      username: member.username,
      displayName: member.displayName,
      active: member.active,
      erased: member.erasedAt !== null,
      hasPassword: member.passwordHash !== null,
      hasPin: member.pinVerifier !== null,
      allSitesRole: member.allSitesRole,
      sites: member.allSitesRole ? [] : sites.map(({ siteId, role }) => ({ siteId, role })),
      problems: problems.map(({ siteId, problem, reportedAt }) => ({
        siteId,
        problem,
        reportedAt: reportedAt.toISOString(),
      })),
      version: member.version,
      updatedAt: member.updatedAt.toISOString(),
    };
  }
}

/**
 * A person as one site takes them. Only someone active and assigned there comes with a role, a name and what
 * signs them in there (their password hash and PIN verifier); anyone else (not assigned there, deactivated or
 * erased) comes as their id alone, which ends their access there whatever else changed about them.
 */
export class SiteStaffMemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 12 }) version!: number;
  @ApiProperty({
    enum: Role,
    enumName: 'Role',
    nullable: true,
    description:
      'Their role at this site; null: they may not sign in here (not assigned, deactivated or erased)',
  })
  role!: Role | null;
  @ApiProperty({ description: 'Erased at headquarters: the site erases them too' }) erased!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'anna', description: 'null unless role is set' })
  username!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Anna K.', description: 'null unless role is set' })
  displayName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'scrypt, as the site keeps its users’ passwords (it signs them in itself, headquarters up or not); null ' +
      'unless role is set',
  })
  passwordHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The PIN’s scrypt verifier under the chain’s PIN key (`scrypt-shared$…`), never the PIN; null unless role ' +
      'is set',
  })
  pinVerifier!: string | null;
}

/** The people changed after the version a site holds, as it takes them; `version`: the directory's now. */
export class SiteStaffView {
  @ApiProperty({ example: 12 }) version!: number;
  @ApiProperty({
    description:
      'The chain’s PIN key (base64), which the verifiers are keyed with: the site keeps it sealed under its own ' +
      'ENCRYPTION_KEY beside each verifier',
  })
  pinKey!: string;
  @ApiProperty({ type: [SiteStaffMemberView] }) staff!: SiteStaffMemberView[];
}
