import { MigrationInterface, QueryRunner } from 'typeorm';

export class Menu1795000300000 implements MigrationInterface {
  name = 'Menu1795000300000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
