import { Injectable, OnModuleInit } from '@nestjs/common';
import { UserReferences } from '../users/user-references';
import { CashDrawerMovement, CashShift } from './cash-shift.entity';

/** A drawer shift keeps naming who opened and closed it and who paid cash in or out: such a user is deactivated, never deleted. */
@Injectable()
export class DrawerStaffReferences implements OnModuleInit {
  constructor(private readonly userReferences: UserReferences) {}

  onModuleInit(): void {
    this.userReferences.register((tx, userId) =>
      tx.manager
        .exists(CashShift, { where: [{ openedBy: userId }, { closedBy: userId }] })
        .then(
          async (named) =>
            named || (await tx.manager.exists(CashDrawerMovement, { where: { recordedBy: userId } })),
        ),
    );
  }
}
