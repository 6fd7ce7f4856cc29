import { Module } from '@nestjs/common';
import { ApiKeyUsage } from './api-key-usage.service';

/** Usage statistics of API keys, for the API key module's request hook and its usage route. */
@Module({ providers: [ApiKeyUsage], exports: [ApiKeyUsage] })
export class ApiKeyUsageModule {}
