import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Role } from '../common/access/role';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** A new install is usable at once: with no active admin, create one (and print a generated password once). */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly database: Database,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.anyActiveAdmin()) return;
    const { username } = this.config.admin;
    const password = this.config.admin.password ?? randomBytes(12).toString('base64url');
    const taken = await this.database.reader.getRepository(User).exists({ where: { username } });
    if (taken) {
      this.logger.warn(
        { username },
        'No active admin, and ADMIN_USERNAME belongs to another user: run npm run create-admin',
      );
      return;
    }
    try {
      await this.users.create(null, { username, displayName: 'Administrator', role: Role.Admin, password });
    } catch (error) {
      // Two instances started at once on a new database: the other one created the admin first.
      if (await this.anyActiveAdmin()) return;
      throw error;
    }
    this.logger.log({ username }, 'Created the first admin');
    if (!this.config.admin.password) printOnce(username, password);
  }

  private anyActiveAdmin(): Promise<boolean> {
    return this.database.dataSource.getRepository(User).exists({ where: { role: Role.Admin, active: true } });
  }
}

/** Straight to the terminal, not through the logger: no password may ever appear in a log line. */
function printOnce(username: string, password: string): void {
  process.stdout.write(
    [
      '',
      '==================================================================',
      ' First start: an admin account was created.',
      `   username: ${username}`,
      `   password: ${password}`,
      ' This password is shown only this once. Log in and change it.',
      '==================================================================',
      '',
    ].join('\n'),
  );
}
