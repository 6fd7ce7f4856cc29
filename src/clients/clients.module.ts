import { Module } from '@nestjs/common';
import { ClientPagesController } from './client-pages.controller';

/** The web clients the service serves: the back office, the waiter tablet, the kitchen screen and the pickup board (their code is bundled by Vite). */
@Module({ controllers: [ClientPagesController] })
export class ClientsModule {}
