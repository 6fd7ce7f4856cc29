import { Injectable, OnModuleInit } from '@nestjs/common';
import { UserReferences } from '../users/user-references';
import { TimeClockEntry } from './time-clock-entry.entity';

/** Hours worked keep naming who worked them: a user who clocked in is deactivated, never deleted. */
@Injectable()
export class ClockedStaffReferences implements OnModuleInit {
  constructor(private readonly userReferences: UserReferences) {}

  onModuleInit(): void {
    this.userReferences.register((tx, userId) => tx.manager.exists(TimeClockEntry, { where: { userId } }));
  }
}
