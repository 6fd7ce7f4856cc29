import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';

/** socket.io with the same CORS rule as HTTP: only CORS_ORIGINS, never `*`. */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.app.get(AppConfig).corsOrigins;
    return super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length > 0 ? origins : false },
    }) as Server;
  }
}
