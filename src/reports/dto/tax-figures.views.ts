import { ApiProperty } from '@nestjs/swagger';

export class TaxFiguresView {
  @ApiProperty({
    example: 8403,
    description: 'Net, before tax: what the rate was the first tax on (see docs/money.md)',
  })
  net!: number;

  @ApiProperty({ example: 1597 })
  tax!: number;

  @ApiProperty({ example: 10000, description: 'Gross, tax included: net + tax' })
  gross!: number;
}

export class TaxReportRowView extends TaxFiguresView {
  @ApiProperty({ format: 'date', example: '2026-11-22' })
  businessDay!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: money no rate taxed' })
  taxRateId!: string | null;

  @ApiProperty({ example: 'VAT 19 %', description: 'As the orders copied it' })
  name!: string;

  @ApiProperty({ example: 19, format: 'double' })
  percent!: number;
}
