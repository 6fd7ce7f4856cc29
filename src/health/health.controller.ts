import { Controller, Get, Header, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { version } from '../../package.json';
import { Public } from '../common/access/access.decorators';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { HealthView } from './health.view';
import { MetricsService } from './metrics.service';

const DATABASE_PING_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly database: Database,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({
    summary:
      'Liveness and database reachability, for load balancers and Docker HEALTHCHECK; open to blocked addresses too',
  })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'The database is unreachable' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const databaseUp = await this.database.ping(DATABASE_PING_TIMEOUT_MS);
    if (!databaseUp) response.status(503);
    return {
      status: databaseUp ? 'ok' : 'error',
      version,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
      database: databaseUp ? 'up' : 'down',
      realtime: this.config.redisUrl ? 'redis' : 'local',
    };
  }

  @Get('metrics')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics in the text exposition format' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async metricsText(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
