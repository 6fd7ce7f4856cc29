import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string) => column.integer(name, 0);

export class OrdersAndPayments1795000500000 implements MigrationInterface {
  name = 'OrdersAndPayments1795000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'orders',
        columns: [
          column.id(),
          column.integer('number'),
          column.text('business_day', 10),
          column.text('type', 16),
          column.text('source', 8),
          column.text('status', 16),
          column.reference('table_id', true),
          column.reference('waiter_id', true),
          { name: 'guests', type: 'integer', isNullable: true },
          column.text('notes', 500, true),
          column.text('discount_kind', 8, true),
          { name: 'discount_value', type: 'integer', isNullable: true },
          column.text('discount_reason', 500, true),
          money('subtotal'),
          money('discount'),
          money('service_charge'),
          money('tax'),
          money('total'),
          money('paid'),
          money('due'),
          money('refunded'),
          money('tips'),
          { ...column.text('payment_status', 16), default: "'unpaid'" },
          column.integer('version', 1),
          column.text('cancel_reason', 500, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'closed_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'orders_business_day_number_unique',
            columnNames: ['business_day', 'number'],
            isUnique: true,
          }),
          new TableIndex({ name: 'orders_status', columnNames: ['status'] }),
          new TableIndex({ name: 'orders_table_id', columnNames: ['table_id'] }),
          new TableIndex({ name: 'orders_created_at', columnNames: ['created_at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'order_items',
        columns: [
          column.id(),
          column.reference('order_id'),
          column.integer('position'),
          column.reference('dish_id'),
          column.reference('variation_id'),
          column.text('name', 100),
          column.text('variation_name', 100),
          column.integer('unit_price'),
          column.integer('quantity'),
          column.text('comment', 500, true),
          column.text('status', 16),
          column.reference('station_id', true),
          column.integer('prep_minutes'),
          timestamp(queryRunner, 'fired_at', true),
          timestamp(queryRunner, 'started_at', true),
          timestamp(queryRunner, 'ready_at', true),
          timestamp(queryRunner, 'served_at', true),
          timestamp(queryRunner, 'cancelled_at', true),
          column.text('void_reason', 500, true),
          column.reference('voided_by', true),
          timestamp(queryRunner, 'delayed_at', true),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'order_items_order_id', columnNames: ['order_id'] }),
          new TableIndex({ name: 'order_items_status', columnNames: ['status'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'order_items_order_fk',
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'order_numbers',
        columns: [{ ...column.text('business_day', 10), isPrimary: true }, column.integer('last_number', 0)],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...column.text('scope', 100), isPrimary: true },
          { ...column.text('key', 200), isPrimary: true },
          column.text('fingerprint', 64),
          column.text('state', 12),
          column.text('owner', 36),
          { name: 'response_status', type: 'integer', isNullable: true },
          column.longText('response_body', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'expires_at'),
        ],
        indices: [new TableIndex({ name: 'idempotency_keys_expires_at', columnNames: ['expires_at'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'payment_methods',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('kind', 8),
          column.boolean('active', true),
          column.integer('sort_order', 0),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    // A restaurant can take cash and cards from the first service; admins rename or add methods later.
    await queryRunner.query(
      `INSERT INTO payment_methods (id, name, kind, active, sort_order, created_at, updated_at) VALUES
       ('5b0c8f5e-8f2a-4c1e-9a55-1c2f00000001', 'Cash', 'cash', TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
       ('5b0c8f5e-8f2a-4c1e-9a55-1c2f00000002', 'Card', 'card', TRUE, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    );

    await queryRunner.createTable(
      new Table({
        name: 'payments',
        columns: [
          column.id(),
          column.reference('order_id'),
          column.reference('method_id'),
          column.integer('amount'),
          column.integer('tendered'),
          money('change'),
          money('tip'),
          money('refunded'),
          column.text('status', 20),
          column.reference('taken_by', true),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'payments_order_id', columnNames: ['order_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'payments_order_fk',
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'payments_method_fk',
            columnNames: ['method_id'],
            referencedTableName: 'payment_methods',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refunds',
        columns: [
          column.id(),
          column.reference('payment_id'),
          column.integer('amount'),
          column.text('reason', 500),
          column.reference('refunded_by', true),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'refunds_payment_id', columnNames: ['payment_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'refunds_payment_fk',
            columnNames: ['payment_id'],
            referencedTableName: 'payments',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'refunds',
      'payments',
      'payment_methods',
      'idempotency_keys',
      'order_numbers',
      'order_items',
      'orders',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
