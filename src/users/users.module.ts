import { Module } from '@nestjs/common';
import { CredentialHasher } from './credential-hasher';
import { StaffController } from './staff.controller';
import { UsersController } from './users.controller';
import { UserReferences } from './user-references';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, StaffController],
  providers: [UsersService, CredentialHasher, UserReferences],
  exports: [UsersService, CredentialHasher, UserReferences],
})
export class UsersModule {}
