import { Module } from '@nestjs/common';
import { CredentialHasher } from './credential-hasher';
import { StaffController } from './staff.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, StaffController],
  providers: [UsersService, CredentialHasher],
  exports: [UsersService, CredentialHasher],
})
export class UsersModule {}
