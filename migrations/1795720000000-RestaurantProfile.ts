import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * The restaurant's profile as data: one row, written by the service on its first start from the settings of the
 * same names (RESTAURANT_NAME, …), then by PUT /restaurant.
 */
export class RestaurantProfile1795720000000 implements MigrationInterface {
  name = 'RestaurantProfile1795720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'restaurant_profile',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          column.text('name', 100),
          column.longText('address'),
          column.text('tax_id', 40, true),
          column.text('timezone', 64),
          column.text('currency', 3),
          column.text('country', 2),
          column.text('locale', 35),
          column.integer('version'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('restaurant_profile');
  }
}
