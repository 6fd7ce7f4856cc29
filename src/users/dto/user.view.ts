import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../common/access/role';
import type { User } from '../user.entity';

/** A user as clients see it: never a password or PIN hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna' })
  username!: string;

  @ApiProperty({ example: 'Anna K.' })
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({
    description:
      'A person of headquarters’ staff directory: their name, username, role, secrets and activity are ' +
      'headquarters’ (a change here is 409 MANAGED_BY_HQ)',
  })
  fromHeadquarters!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static of(this: void, user: User): UserView {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
      fromHeadquarters: (user.hqStaffVersion ?? null) !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

/** One entry of the PIN pad. */
export class StaffMemberView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Anna K.' })
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;
}
