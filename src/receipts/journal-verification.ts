import { EntityManager, MoreThan } from 'typeorm';
import type { FiscalSigner } from './fiscal-signer';
import { ChainVerifier, JournalVerification } from './receipt-chain';
import { Receipt } from './receipt.entity';

const BATCH = 1000;

/**
 * Checks the whole fiscal journal, a thousand receipts at a time, up to the first broken link: the one verifier of
 * GET /fiscal/journal/verify and `npm run verify-journal`.
 */
export async function verifyJournal(
  manager: EntityManager,
  signer: FiscalSigner,
): Promise<JournalVerification> {
  const [{ last_number: last }] = await manager.query<Array<{ last_number: number | string }>>(
    'SELECT last_number FROM receipt_sequence WHERE id = 1',
  );
  const verifier = new ChainVerifier(signer);
  let after = 0;
  for (;;) {
    const rows = await manager.find(Receipt, {
      where: { number: MoreThan(after) },
      order: { number: 'ASC' },
      take: BATCH,
    });
    for (const row of rows) if (!verifier.accept(row)) return verifier.result(Number(last));
    if (rows.length < BATCH) return verifier.result(Number(last));
    after = rows[rows.length - 1].number;
  }
}
