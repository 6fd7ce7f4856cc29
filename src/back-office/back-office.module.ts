import { Module } from '@nestjs/common';
import { DayAtAGlancePageController } from './day-at-a-glance-page.controller';

/** Pages for managers. They hold no data of their own: they sign in and read the API like any other client. */
@Module({ controllers: [DayAtAGlancePageController] })
export class BackOfficeModule {}
