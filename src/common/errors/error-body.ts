import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { FieldProblem } from './domain-error';
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

  @ApiProperty({
    description:
      'VALIDATION_ERROR and OUT_OF_STOCK: the field problems (OUT_OF_STOCK names the order lines, ' +
      '`items[i].variationId`, with how many are left). MANAGED_BY_HQ: the fields headquarters owns, as field ' +
      'problems. VERSION_CONFLICT: the current order, as GET /orders/{id} answers it. ' +
      'CONFLICT of POST /business-days/close: the open orders that prevent it. INSUFFICIENT_BALANCE: ' +
      '`{balance}`, what the gift card holds. BUSINESS_DAY_OPEN: `{businessDay}`, the day not closed yet. ' +
      'Every other code: null.',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(ErrorDetail) } },
      // By name: the order schema belongs to the orders module, which common/ must not import.
      { $ref: getSchemaPath('OrderView') },
      { $ref: getSchemaPath('OpenOrdersConflictView') },
      {
        type: 'object',
        required: ['balance'],
        properties: { balance: { type: 'integer', description: 'Minor units on the gift card' } },
      },
      {
        type: 'object',
        required: ['businessDay'],
        // An order (VERSION_CONFLICT) has a businessDay too: only this one has nothing else.
        additionalProperties: false,
        properties: { businessDay: { type: 'string', format: 'date', description: 'YYYY-MM-DD' } },
      },
      {
        type: 'object',
        required: ['closeBlockedBy'],
        additionalProperties: false,
        properties: {
          closeBlockedBy: { type: 'string', enum: ['held', 'cooking', 'due', 'overpaid'] },
          amount: { type: 'integer', description: 'Minor units still due, or paid over the total' },
        },
      },
      { type: 'null' },
    ],
    example: [{ field: 'items[0].quantity', message: 'must not be less than 1' }],
  })
  details!: FieldProblem[] | object | null;

  @ApiPropertyOptional({ description: 'Present on 500 INTERNAL: quote it when reporting the problem' })
  requestId?: string;
}

/** The one error shape of API.md. */
export class ErrorBody {
  @ApiProperty({ type: ErrorPayload })
  error!: ErrorPayload;
}
