import type { Database, Tx } from '../database/database.service';
import { HqLinkRow } from './hq-link.entity';
import type { LiveLink } from './site-link.service';

/**
 * The link's row once this unit of work has the turn named `turn`, or null when the site was linked again
 * meanwhile (another credential). A site's instances each follow their contacts, so two may pull the same or
 * successive versions at once: they take turns, and one that finds its version held already (or a later one)
 * applies nothing, so that an older never undoes a newer.
 */
export async function linkInTurn(
  database: Database,
  tx: Tx,
  link: LiveLink,
  turn: string,
): Promise<HqLinkRow | null> {
  await database.serialise(tx, turn);
  return tx.manager.findOne(HqLinkRow, { where: { id: 1, siteId: link.siteId, linkedAt: link.linkedAt } });
}
