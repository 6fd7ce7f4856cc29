import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { PRINT_JOB_STATUSES, PrintJobStatus } from '../print-job.entity';

export class PrintJobQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  printerId?: string;

  @ApiPropertyOptional({ enum: PRINT_JOB_STATUSES, enumName: 'PrintJobStatus' })
  @IsOptional()
  @IsIn(PRINT_JOB_STATUSES)
  status?: PrintJobStatus;
}

export class PrintOnInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The printer to print on; absent: the first active receipt printer, by name',
  })
  @IsOptional()
  @IsUUID()
  printerId?: string;
}
