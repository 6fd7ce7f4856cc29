import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { HqStaffUsers } from '../users/hq-staff-users';
import { HqLinkRow } from './hq-link.entity';
import { linkInTurn } from './link-turn';
import type { LiveLink } from './site-link.service';

/** Pulls a contact may make to catch up with the directory: 500 people each. */
const PULLS_PER_CONTACT = 20;

/**
 * The site's side of headquarters' staff directory: when a contact names a later directory version than the one
 * the site holds, it takes the people changed since, as users of its own (HqStaffUsers), and holds the new version.
 * A deactivation at headquarters ends the person's sessions here at the next contact.
 */
@Injectable()
export class StaffPull {
  constructor(
    private readonly database: Database,
    private readonly users: HqStaffUsers,
  ) {}

  async follow(link: LiveLink, row: HqLinkRow, latestVersion: number): Promise<void> {
    let held = row.staffVersion;
    for (let pull = 0; pull < PULLS_PER_CONTACT && held < latestVersion; pull++) {
      const { version, staff } = await link.client.pullStaff(link.credential, held);
      if (staff.length === 0) break;
      const prepared = await this.users.prepare(staff, this.database.reader);
      held = await this.database.transaction(async (tx) => {
        const current = await linkInTurn(this.database, tx, link, 'site-link.staff');
        // Linked again meanwhile: this directory is not the new link's. Held already: by another instance.
        if (!current) return latestVersion;
        if (current.staffVersion >= version) return current.staffVersion;
        const problems = await this.users.apply(tx, prepared);
        await tx.manager.update(
          HqLinkRow,
          { id: 1 },
          { staffVersion: version, staffProblem: problems.length > 0 ? problems.join('; ') : null },
        );
        return version;
      });
    }
  }
}
