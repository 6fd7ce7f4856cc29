import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { MAX_STAFF_PROBLEM_LENGTH, MAX_STAFF_PROBLEMS } from '../hq/staff/dto/hq-staff.inputs';
import { HqStaffOutcomes, HqStaffUsers } from '../users/hq-staff-users';
import { HqLinkRow, HqStaffProblemRow } from './hq-link.entity';
import { linkInTurn } from './link-turn';
import type { LiveLink } from './site-link.service';

/** Pulls a contact may make to catch up with the directory: 500 people each. */
const PULLS_PER_CONTACT = 20;

/**
 * The site's side of headquarters' staff directory: when a contact names a later directory version than the one
 * the site holds, it takes the people changed since, as users of its own (HqStaffUsers), and holds the new version.
 * An entry it cannot take as it is stays a problem named on that person (reported to headquarters) until a later
 * entry of theirs is taken; the others apply. A deactivation at headquarters ends the person's sessions here at
 * the next contact.
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
      const { version, pinKey, staff } = await link.client.pullStaff(link.credential, held);
      // Entries of people this site never had are left out, so a pull may hold none and still move the version.
      if (version <= held) break;
      held = await this.database.transaction(async (tx) => {
        const current = await linkInTurn(this.database, tx, link, 'site-link.staff');
        // Linked again meanwhile: this directory is not the new link's. Held already: by another instance.
        if (!current) return latestVersion;
        if (current.staffVersion >= version) return current.staffVersion;
        const outcomes = await this.users.apply(tx, staff, pinKey);
        const problems = problemsAfter(current.staffProblems ?? [], outcomes);
        const changed = JSON.stringify(problems) !== JSON.stringify(current.staffProblems ?? []);
        await tx.manager.update(
          HqLinkRow,
          { id: 1 },
          {
            staffVersion: version,
            staffProblems: problems.length > 0 ? problems : null,
            ...(changed ? { staffProblemsReported: false } : {}),
          },
        );
        return version;
      });
    }
    await this.report(link);
  }

  /** Tells headquarters the problems the site has now, unless it heard them already. */
  private async report(link: LiveLink): Promise<void> {
    const row = await this.database.reader.findOne(HqLinkRow, { where: { id: 1 } });
    if (!row || row.staffProblemsReported) return;
    const problems = row.staffProblems ?? [];
    // Headquarters takes so many at once: the rest wait for the first to be solved.
    await link.client.reportStaffProblems(link.credential, {
      problems: problems
        .slice(0, MAX_STAFF_PROBLEMS)
        .map(({ staffId, problem }) => ({ staffId, problem: problem.slice(0, MAX_STAFF_PROBLEM_LENGTH) })),
    });
    await this.database.transaction(async (tx) => {
      // Reported what is still there: problems that changed meanwhile are reported at the next contact.
      const current = await linkInTurn(this.database, tx, link, 'site-link.staff');
      if (current && JSON.stringify(current.staffProblems ?? []) === JSON.stringify(problems)) {
        await tx.manager.update(HqLinkRow, { id: 1 }, { staffProblemsReported: true });
      }
    });
  }
}

/** The problems held before, less those of the people just taken, with the new ones. */
function problemsAfter(held: HqStaffProblemRow[], outcomes: HqStaffOutcomes): HqStaffProblemRow[] {
  const kept = held.filter((entry) => !outcomes.has(entry.staffId));
  const added = [...outcomes].flatMap(([staffId, problem]) =>
    problem === null ? [] : [{ staffId, problem }],
  );
  return [...kept, ...added];
}
