import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Customers (with their consent history), the loyalty programme and each customer's points ledger, and the
 * customer an order is for, with the name and allergens the floor and the kitchen see on it.
 */
export class CustomersAndLoyalty1795003600000 implements MigrationInterface {
  name = 'CustomersAndLoyalty1795003600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'customers',
        columns: [
          column.id(),
          column.text('name', 200, true),
          column.text('name_key', 200, true),
          column.text('phone', 20, true),
          column.text('email', 254, true),
          // SQLite reads `DEFAULT (false)` back as text, where the entity's boolean default is 0.
          { ...column.boolean('marketing_consent', false), default: postgres ? false : 0 },
          timestamp(queryRunner, 'marketing_consent_at', true),
          column.longText('allergens'),
          column.text('notes', 1000, true),
          timestamp(queryRunner, 'erased_at', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'customers_name_key', columnNames: ['name_key'] }),
          new TableIndex({ name: 'customers_phone', columnNames: ['phone'] }),
          new TableIndex({ name: 'customers_email', columnNames: ['email'] }),
          new TableIndex({ name: 'customers_created_at', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'customer_consents',
        columns: [
          column.id(),
          column.reference('customer_id'),
          { name: 'granted', type: 'boolean' },
          column.text('recorded_by', 80),
          timestamp(queryRunner, 'recorded_at'),
        ],
        foreignKeys: [
          {
            name: 'customer_consents_customer_fk',
            columnNames: ['customer_id'],
            referencedTableName: 'customers',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
        indices: [
          new TableIndex({
            name: 'customer_consents_customer_id_recorded_at',
            columnNames: ['customer_id', 'recorded_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'loyalty_activities',
        columns: [
          column.id(),
          column.reference('customer_id'),
          { name: 'position', type: 'integer' },
          column.text('type', 16),
          { name: 'points', type: 'integer' },
          { name: 'balance_after', type: 'integer' },
          { name: 'amount', type: 'bigint', isNullable: true },
          column.integer('shortfall', 0),
          column.reference('order_id', true),
          column.reference('reward_id', true),
          column.text('note', 200, true),
          column.text('by', 80),
          timestamp(queryRunner, 'at'),
        ],
        foreignKeys: [
          {
            name: 'loyalty_activities_customer_fk',
            columnNames: ['customer_id'],
            referencedTableName: 'customers',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
        indices: [
          // Two writers that read the same balance cannot both append the next line.
          new TableIndex({
            name: 'loyalty_activities_customer_id_position',
            columnNames: ['customer_id', 'position'],
            isUnique: true,
          }),
          new TableIndex({ name: 'loyalty_activities_order_id', columnNames: ['order_id'] }),
          new TableIndex({ name: 'loyalty_activities_at', columnNames: ['at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'loyalty_programs',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'points_per_unit', type: 'integer' },
          column.longText('rewards'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.addColumns('orders', [
      new TableColumn(column.reference('customer_id', true)),
      new TableColumn(column.text('customer_name', 200, true)),
      new TableColumn(column.longText('customer_allergens', true)),
    ]);
    await queryRunner.createIndex(
      'orders',
      new TableIndex({ name: 'orders_customer_id_status', columnNames: ['customer_id', 'status'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('orders', 'orders_customer_id_status');
    await queryRunner.dropColumns('orders', ['customer_allergens', 'customer_name', 'customer_id']);
    await queryRunner.dropTable('loyalty_programs');
    await queryRunner.dropTable('loyalty_activities');
    await queryRunner.dropTable('customer_consents');
    await queryRunner.dropTable('customers');
  }
}
