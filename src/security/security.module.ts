import { Module } from '@nestjs/common';
import { IpBlockGate } from './ip-block-gate';
import { IpBlockList } from './ip-block-list';
import { IpBlocksController } from './ip-blocks.controller';
import { IpBlocksService } from './ip-blocks.service';
import { LoginBursts } from './login-bursts';

/**
 * Security administration: the IP block list (kept by admins and by bursts of failed logins) and the gate that
 * enforces it on HTTP and socket.io. Security events and the audit log stay in the audit module.
 */
@Module({
  controllers: [IpBlocksController],
  providers: [IpBlocksService, IpBlockList, IpBlockGate, LoginBursts],
  exports: [IpBlockGate, LoginBursts],
})
export class SecurityModule {}
