import { ApiProperty } from '@nestjs/swagger';
import { MENU_CSV_COLUMNS, MenuCsvColumn, MenuCsvProblem } from './menu-csv-format';
import { LineAction, MenuImportPlan } from './menu-import-plan';

const LINE_ACTIONS: LineAction[] = ['create', 'update', 'unchanged'];

export class MenuImportLineView {
  @ApiProperty({ example: 2, description: 'The line of the file (1 is the header)' })
  line!: number;

  @ApiProperty({
    enum: LINE_ACTIONS,
    description:
      'create: a new dish or variation; update: the columns in `changes` differ; unchanged: nothing to do',
  })
  action!: LineAction;

  @ApiProperty({ example: 'Margherita' })
  dish!: string;

  @ApiProperty({ example: 'Regular' })
  variation!: string;

  @ApiProperty({
    type: [String],
    enum: MENU_CSV_COLUMNS,
    example: ['price'],
    description: "The columns whose values differ from the menu's; the dish's own columns on its first line",
  })
  changes!: MenuCsvColumn[];
}

export class MenuImportProblemView {
  @ApiProperty({ example: 3, description: 'The line of the file (1 is the header)' })
  line!: number;

  @ApiProperty({
    type: String,
    enum: MENU_CSV_COLUMNS,
    nullable: true,
    example: 'price',
    description: 'The column; null for a problem of the whole line or file',
  })
  column!: MenuCsvColumn | null;

  @ApiProperty({
    example:
      '"8.505" is not a price like 8.50 or 8,50 (at most two decimals, no thousands separator, not negative)',
  })
  message!: string;
}

/** The plan of an import: what each line does, and every problem; `applied` once a real run made it so. */
export class MenuImportView {
  @ApiProperty({ description: 'true: the changes were made; false: a dry run, nothing changed' })
  applied!: boolean;

  @ApiProperty({ type: [MenuImportLineView], description: 'The lines without problems, in file order' })
  lines!: MenuImportLineView[];

  @ApiProperty({
    type: [String],
    example: ['Desserts'],
    description: 'Categories the file names that are created',
  })
  newCategories!: string[];

  @ApiProperty({
    type: [MenuImportProblemView],
    description: 'Every problem, by line; a real run with any is refused (422) and changes nothing',
  })
  problems!: MenuImportProblemView[];

  static of(plan: MenuImportPlan, problems: MenuCsvProblem[], applied: boolean): MenuImportView {
    return { applied, lines: plan.lines, newCategories: plan.newCategories, problems };
  }
}
