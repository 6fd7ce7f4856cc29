import { Global, Module } from '@nestjs/common';
import { PrebuiltReplies } from './http/prebuilt-replies';
import { Clock } from './time/clock';

@Global()
@Module({ providers: [Clock, PrebuiltReplies], exports: [Clock, PrebuiltReplies] })
export class CommonModule {}
