import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { OutboxStateView } from './device.views';
import { DevicesService } from './devices.service';

/** What a device (X-Device-Id) asks after a drop: the last keyed write the server applied for it. */
@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get(':id/outbox-state')
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'How far a device’s outbox got: the keyed writes applied for its X-Device-Id, and the last one',
    description:
      'Counts each write sent with X-Device-Id and an Idempotency-Key or client ids that the server applied ' +
      '(replays not counted). A device never seen answers writesApplied 0 and lastWrite null.',
  })
  @ApiOkResponse({ type: OutboxStateView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: not a device id' })
  outboxState(@Param('id') id: string): Promise<OutboxStateView> {
    return this.devices.outboxState(id);
  }
}
