import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { OptionalNotNull } from '../../common/optional-not-null';
import { CardView } from '../../payments/dto/payment.dto';
import { Terminal, TerminalPayment, TerminalPaymentStatus, TerminalProvider } from '../terminal.entities';

export class TerminalInput {
  @ApiProperty({ example: 'Bar terminal', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: TerminalProvider,
    enumName: 'TerminalProvider',
    description:
      'simulator and stripe take payments; sumup and adyen are refused (422) until their adapter exists',
  })
  @IsEnum(TerminalProvider)
  provider!: TerminalProvider;

  @ApiProperty({
    example: 'tmr_FDOt2wlRZEdpd7',
    description: "The device's id at its provider",
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  providerDeviceId!: string;

  @ApiPropertyOptional({ default: false, description: 'The terminal asks the guest for a tip' })
  @OptionalNotNull()
  @IsBoolean()
  tipOnTerminal?: boolean;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

/** Every field optional; a null is refused (422), none of them is nullable. */
export class UpdateTerminalInput extends PartialType(TerminalInput, { skipNullProperties: false }) {}

export class TerminalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TerminalProvider, enumName: 'TerminalProvider' }) provider!: TerminalProvider;
  @ApiProperty() providerDeviceId!: string;
  @ApiProperty() tipOnTerminal!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, terminal: Terminal): TerminalView {
    return {
      id: terminal.id,
      name: terminal.name,
      provider: terminal.provider,
      providerDeviceId: terminal.providerDeviceId,
      tipOnTerminal: terminal.tipOnTerminal,
      active: terminal.active,
      createdAt: terminal.createdAt.toISOString(),
      updatedAt: terminal.updatedAt.toISOString(),
    };
  }
}

export class TerminalPaymentInput {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  terminalId!: string;

  @ApiProperty({ description: 'Minor units towards the bill: at most what is due', example: 2500 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiPropertyOptional({
    description:
      'Minor units of tip, on top of the amount; a terminal with tipOnTerminal asks the guest instead',
    example: 200,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  tip?: number;
}

export class TerminalPaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) terminalId!: string;
  @ApiProperty({ enum: TerminalProvider, enumName: 'TerminalProvider' }) provider!: TerminalProvider;
  @ApiProperty({ description: 'Minor units towards the bill' }) amount!: number;
  @ApiProperty({ description: 'Minor units of tip: asked for, then as the terminal reports it' })
  tip!: number;
  @ApiProperty({ enum: TerminalPaymentStatus, enumName: 'TerminalPaymentStatus' })
  status!: TerminalPaymentStatus;

  @ApiProperty({ type: String, nullable: true, example: 'card_declined' }) failure!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The payment it became, once succeeded',
  })
  paymentId!: string | null;

  @ApiProperty({ type: CardView, nullable: true }) card!: CardView | null;
  @ApiProperty({ description: 'A cancel was asked for (the terminal may still approve)' })
  cancelRequested!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, attempt: TerminalPayment): TerminalPaymentView {
    return {
      id: attempt.id,
      orderId: attempt.orderId,
      terminalId: attempt.terminalId,
      provider: attempt.provider,
      amount: attempt.amount,
      tip: attempt.tip,
      status: attempt.status,
      failure: attempt.failure,
      paymentId: attempt.status === TerminalPaymentStatus.Succeeded ? attempt.paymentId : null,
      card: attempt.card ? CardView.of(attempt.card) : null,
      cancelRequested: attempt.cancelRequestedAt !== null,
      createdAt: attempt.createdAt.toISOString(),
      updatedAt: attempt.updatedAt.toISOString(),
    };
  }
}
