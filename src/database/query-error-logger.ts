import { AdvancedConsoleLogger, QueryRunner } from 'typeorm';
import { isDatabaseUnreachable } from '../common/errors/database-unreachable';

/**
 * TypeORM's console logger of failed queries, minus those that failed because the database cannot be reached: an
 * outage would print one per query, while the loops warn once and requests answer 503 (logged as such).
 */
export class QueryErrorLogger extends AdvancedConsoleLogger {
  override logQueryError(
    error: string | Error,
    query: string,
    parameters?: unknown[],
    queryRunner?: QueryRunner,
  ): void {
    if (isDatabaseUnreachable(error)) return;
    super.logQueryError(error as string, query, parameters, queryRunner);
  }
}
