import { ApiProperty } from '@nestjs/swagger';
import type { Job } from '../job.entity';
import type { StaffJobWage } from '../staff-job-wage.entity';

export class JobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Waiter' }) name!: string;
  @ApiProperty() active!: boolean;

  static of(this: void, job: Job): JobView {
    return { id: job.id, name: job.name, active: job.active };
  }
}

export class WageFromView {
  @ApiProperty({ example: 1450, description: 'Minor units per hour' }) hourlyWage!: number;
  @ApiProperty({ format: 'date', example: '2026-11-01' }) effectiveFrom!: string;

  static of(this: void, wage: StaffJobWage): WageFromView {
    return { hourlyWage: wage.hourlyWage, effectiveFrom: wage.effectiveFrom };
  }
}

/** One job a person holds, with the wage paid in it today and every wage from its date on. */
export class StaffJobView {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ example: 'Waiter' }) name!: string;
  @ApiProperty({ description: 'False once the job is made inactive: not offered at clock-in' })
  active!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1450,
    description: 'Minor units per hour paid today; null when the first wage starts later',
  })
  hourlyWage!: number | null;

  @ApiProperty({ type: [WageFromView], description: 'Every wage, oldest first' })
  wages!: WageFromView[];
}
