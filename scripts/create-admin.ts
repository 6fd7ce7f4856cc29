import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { config as loadDotenv } from 'dotenv';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CliModule } from '../src/cli.module';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { UsersService } from '../src/users/users.service';

const USAGE = `Usage: npm run create-admin -- [--username NAME] [--password PASSWORD] [--reset]

Creates an admin on the configured database (DATABASE_URL); NAME defaults to ADMIN_USERNAME (admin).
With --reset, a user of that name who exists already becomes an active admin with the new password, and every
session of theirs ends: the way back in when every admin is locked out or forgotten. Without --reset an existing
user is left as they are.
Without --password a password is generated and printed once.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const username = values.username ?? config.admin.username;
  const password = values.password ?? randomBytes(12).toString('base64url');
  if (password.length < 8) throw new ConfigError('--password must be at least 8 characters');

  const context = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error'],
  });
  try {
    const outcome = await context.get(UsersService).ensureAdmin(username, password, values.reset);
    if (outcome === 'exists') {
      process.stderr.write(
        `User "${username}" exists already; nothing changed. To make them an active admin with a new password ` +
          `(ending their sessions), run again with --reset. See --help.\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Admin "${username}" ${outcome}.\n`);
    if (!values.password) process.stdout.write(`Password (shown once): ${password}\n`);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
