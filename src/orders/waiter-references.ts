import { Injectable, OnModuleInit } from '@nestjs/common';
import { UserReferences } from '../users/user-references';
import { Order } from './order.entity';

/** Orders keep naming their waiter: a user who took orders is deactivated, never deleted. */
@Injectable()
export class WaiterReferences implements OnModuleInit {
  constructor(private readonly userReferences: UserReferences) {}

  onModuleInit(): void {
    this.userReferences.register((tx, userId) => tx.manager.exists(Order, { where: { waiterId: userId } }));
  }
}
