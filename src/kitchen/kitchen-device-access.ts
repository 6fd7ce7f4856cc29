import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IS_PUBLIC } from '../common/access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';

export const KITCHEN_DEVICE_HEADER = 'X-Kitchen-Device';

/**
 * A route for a paired kitchen screen rather than a person: no staff token is asked for (the access guard lets it
 * by), the handler checks the device token of X-Kitchen-Device instead. `x-kitchen-device` tells the spec and the
 * docs who may call it.
 */
export const KitchenDeviceAccess = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    ApiExtension('x-kitchen-device', true),
    ApiHeader({
      name: KITCHEN_DEVICE_HEADER,
      required: true,
      description: 'The device token POST /kitchen/devices/pair answered',
    }),
    ApiUnauthorizedResponse({
      type: ErrorBody,
      description: 'UNAUTHORIZED: no X-Kitchen-Device, or the token of no paired device (revoked, re-paired)',
    }),
  );
