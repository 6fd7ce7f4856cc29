import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

const money = (name: string): TableColumn => new TableColumn({ name, type: 'bigint', default: 0 });

/**
 * Card terminals (issue 40): the registered devices, the payment attempts sent to them, the providers' webhook
 * events already handled, the card of a payment a terminal took, and the attempt that holds an order.
 */
export class CardTerminals1795004800000 implements MigrationInterface {
  name = 'CardTerminals1795004800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'terminals',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('provider', 16),
          column.text('provider_device_id', 100),
          flag(queryRunner, 'tip_on_terminal', false),
          flag(queryRunner, 'active', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'terminal_payments',
        columns: [
          column.id(),
          column.reference('order_id'),
          column.reference('terminal_id'),
          column.text('provider', 16),
          money('amount'),
          money('tip'),
          column.text('status', 16),
          column.text('failure', 200, true),
          column.reference('payment_id'),
          column.longText('card', true),
          column.text('provider_ref', 200, true),
          timestamp(queryRunner, 'cancel_requested_at', true),
          column.reference('created_by', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'terminal_payments_order_id', columnNames: ['order_id'] }),
          new TableIndex({
            name: 'terminal_payments_terminal_id_status',
            columnNames: ['terminal_id', 'status'],
          }),
          new TableIndex({ name: 'terminal_payments_status', columnNames: ['status'] }),
          new TableIndex({
            name: 'terminal_payments_payment_id_unique',
            columnNames: ['payment_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'terminal_webhook_events',
        columns: [
          { ...column.text('provider', 16), isPrimary: true },
          { ...column.text('event_id', 200), isPrimary: true },
          timestamp(queryRunner, 'received_at'),
        ],
      }),
    );
    await queryRunner.addColumn('payments', new TableColumn(column.longText('card', true)));
    await queryRunner.addColumn('orders', new TableColumn(column.reference('terminal_hold', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'terminal_hold');
    await queryRunner.dropColumn('payments', 'card');
    await queryRunner.dropTable('terminal_webhook_events');
    await queryRunner.dropTable('terminal_payments');
    await queryRunner.dropTable('terminals');
  }
}
