import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, resizeText, timestamp } from './columns';

const money = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable });

/**
 * Gift cards and their append-only ledger; the payment method kind `gift_card` (nine characters: the kind column
 * grows to 16); the cash a drawer shift took for gift cards, kept at its close like its other movements.
 */
export class GiftCards1795003700000 implements MigrationInterface {
  name = 'GiftCards1795003700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'gift_cards',
        columns: [
          column.id(),
          column.text('code_hash', 64),
          column.text('last4', 4),
          money('balance'),
          column.integer('activity_count'),
          column.text('state', 8),
          timestamp(queryRunner, 'expires_at', true),
          column.text('created_by', 60),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'gift_cards_code_hash', columnNames: ['code_hash'], isUnique: true }),
          new TableIndex({ name: 'gift_cards_created_at', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gift_card_activities',
        columns: [
          column.id(),
          column.reference('gift_card_id'),
          column.integer('sequence'),
          column.text('type', 8),
          money('amount'),
          money('balance_after'),
          column.reference('order_id', true),
          column.reference('payment_id', true),
          column.reference('sale_method_id', true),
          column.text('reason', 500, true),
          column.text('by', 60),
          timestamp(queryRunner, 'at'),
        ],
        indices: [
          new TableIndex({
            name: 'gift_card_activities_card_sequence',
            columnNames: ['gift_card_id', 'sequence'],
            isUnique: true,
          }),
          new TableIndex({ name: 'gift_card_activities_at', columnNames: ['at'] }),
          new TableIndex({ name: 'gift_card_activities_payment_id', columnNames: ['payment_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'gift_card_activities_card_fk',
            columnNames: ['gift_card_id'],
            referencedTableName: 'gift_cards',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'gift_card_activities_sale_method_fk',
            columnNames: ['sale_method_id'],
            referencedTableName: 'payment_methods',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    await resizeText(queryRunner, 'payment_methods', 'kind', 16);
    await queryRunner.addColumn('cash_shifts', new TableColumn(money('gift_card_cash_sales', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('cash_shifts', 'gift_card_cash_sales');
    await queryRunner.query("UPDATE payment_methods SET kind = 'other' WHERE kind = 'gift_card'");
    await resizeText(queryRunner, 'payment_methods', 'kind', 8);
    await queryRunner.dropTable('gift_card_activities');
    await queryRunner.dropTable('gift_cards');
  }
}
