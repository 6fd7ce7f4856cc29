import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { shutDownGracefully } from './shutdown';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const { app, realtime } = await createApp(config);
  shutDownGracefully(app, realtime, config.shutdownTimeoutMs);
  await app.listen(config.port);
}

main().catch((error: unknown) => {
  // A configuration error is for people: its message alone, without a stack.
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
