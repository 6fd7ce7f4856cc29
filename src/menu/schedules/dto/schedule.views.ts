import { ApiProperty } from '@nestjs/swagger';
import { HqKeyProperty } from '../../../common/errors/managed-by-hq';
import type { MenuSchedule } from '../menu-schedule.entity';

const HQ_SCHEDULE_DOC =
  'On a site linked to headquarters, the key of the schedule it comes from: its name, windows and deletion are ' +
  "headquarters' (409 MANAGED_BY_HQ here); null: the site's own";

export class ScheduleWindowView {
  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays, 1 Monday to 7 Sunday',
  })
  days!: number[];

  @ApiProperty({ example: '07:00' })
  from!: string;

  @ApiProperty({ example: '11:30', description: 'Exclusive; before `from`: past midnight' })
  to!: string;
}

export class MenuScheduleView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Breakfast' })
  name!: string;

  @ApiProperty({ type: [ScheduleWindowView] })
  windows!: ScheduleWindowView[];

  @HqKeyProperty(HQ_SCHEDULE_DOC)
  hqKey!: string | null;

  static of(this: void, schedule: MenuSchedule): MenuScheduleView {
    return {
      id: schedule.id,
      name: schedule.name,
      windows: schedule.windows.map(({ days, from, to }) => ({ days: [...days], from, to })),
      hqKey: schedule.hqKey,
    };
  }
}
