import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code';

export class ErrorDetail {
  @ApiProperty({ example: 'items[0].quantity' })
  field!: string;

  @ApiProperty({ example: 'must not be less than 1' })
  message!: string;
}

export class ErrorPayload {
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.ValidationError })
  code!: ErrorCode;

  @ApiProperty({ example: 'items[0].quantity must not be less than 1' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Field problems for VALIDATION_ERROR; the current resource for VERSION_CONFLICT',
    type: [ErrorDetail],
  })
  details?: unknown;

  @ApiPropertyOptional({ description: 'Present on 500 INTERNAL: quote it when reporting the problem' })
  requestId?: string;
}

/** The one error shape of API.md. */
export class ErrorBody {
  @ApiProperty({ type: ErrorPayload })
  error!: ErrorPayload;
}
