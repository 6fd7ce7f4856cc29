import { MigrationInterface, QueryRunner } from 'typeorm';

export class Floor1795000200000 implements MigrationInterface {
  name = 'Floor1795000200000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
