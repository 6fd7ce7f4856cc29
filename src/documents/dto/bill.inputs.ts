import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { PAPER_WIDTHS, type PaperWidth } from '../document-types';

export const BILL_FORMATS = ['json', 'svg', 'escpos', 'pdf'] as const;
export type BillFormat = (typeof BILL_FORMATS)[number];

/** `?format=&width=` of a printable document. */
export class PrintableQuery {
  @ApiPropertyOptional({
    enum: BILL_FORMATS,
    default: 'json',
    description:
      'json: the document; escpos: bytes for a thermal printer; svg: the same layout for screens; pdf: for mail ' +
      'and download',
  })
  @IsOptional()
  @IsIn(BILL_FORMATS)
  format?: BillFormat;

  @ApiPropertyOptional({
    enum: PAPER_WIDTHS,
    default: 48,
    description: 'Characters per line: 32 on 58 mm paper, 42 or 48 on 80 mm',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIn(PAPER_WIDTHS, { message: 'width must be one of 32, 42, 48 (characters per line)' })
  width?: PaperWidth;
}
