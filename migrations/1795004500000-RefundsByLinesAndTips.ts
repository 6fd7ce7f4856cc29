import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

const money = (name: string): TableColumn => new TableColumn({ name, type: 'bigint', default: 0 });
const jsonList = (name: string): TableColumn => new TableColumn({ ...column.longText(name), default: "'[]'" });

/** Refunds that name what they return (the lines, the part of the tip given back); a payment's refunded tip. */
export class RefundsByLinesAndTips1795004500000 implements MigrationInterface {
  name = 'RefundsByLinesAndTips1795004500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('payments', money('tip_refunded'));
    await queryRunner.addColumns('refunds', [money('tip'), jsonList('lines')]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('refunds', ['tip', 'lines']);
    await queryRunner.dropColumn('payments', 'tip_refunded');
  }
}
