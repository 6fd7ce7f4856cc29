import { Module } from '@nestjs/common';
import { CredentialHasher } from './credential-hasher';
import { HqStaffUsers } from './hq-staff-users';
import { StaffController } from './staff.controller';
import { UsersController } from './users.controller';
import { UserReferences } from './user-references';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, StaffController],
  providers: [UsersService, CredentialHasher, UserReferences, HqStaffUsers],
  exports: [UsersService, CredentialHasher, UserReferences, HqStaffUsers],
})
export class UsersModule {}
