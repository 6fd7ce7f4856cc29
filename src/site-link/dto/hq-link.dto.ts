import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, MaxLength } from 'class-validator';
import { CatalogRowProblemInput } from '../../hq/catalog/dto/catalog-report.inputs';
import { HqLinkCodeInput } from '../../hq/dto/hq-site.inputs';
import type { HqCatalogState, HqLinkRow, HqLinkState } from '../hq-link.entity';

export class HqLinkInput extends HqLinkCodeInput {
  @ApiProperty({
    example: 'https://hq.example.com',
    maxLength: 2000,
    description:
      'Headquarters’ address, as its own PUBLIC_BASE_URL says: this service calls it, never the reverse',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;
}

export class HqLinkCatalogView {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'The version of the last catalog publication the site pulled; null before the first',
  })
  version!: number | null;
  @ApiProperty({
    enum: ['applied', 'failed'],
    nullable: true,
    description:
      '`applied` in one transaction (rows the site could not take set aside: see problems), or `failed`: the ' +
      'document was refused whole, its rows not told apart (see problem)',
  })
  state!: HqCatalogState | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the menu refused it, when it did' })
  problem!: string | null;
  @ApiProperty({
    type: [CatalogRowProblemInput],
    description: 'The rows the site could not take, each with why: set aside, everything else applied',
  })
  problems!: CatalogRowProblemInput[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) pulledAt!: string | null;
}

export class HqLinkStaffProblemView {
  @ApiProperty({ format: 'uuid', description: 'The person’s id, at headquarters and here' }) staffId!: string;
  @ApiProperty() problem!: string;
}

export class HqLinkStaffView {
  @ApiProperty({ example: 12, description: 'The staff directory version the site holds (0: none taken yet)' })
  version!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The problems of `problems`, in one line; null when there are none',
  })
  problem!: string | null;
  @ApiProperty({
    type: [HqLinkStaffProblemView],
    description:
      'People whose last change the site could not take as it is, and why (a username of one of its own users): ' +
      'the rest applied, and headquarters shows each on its person',
  })
  problems!: HqLinkStaffProblemView[];
}

export class HqLinkView {
  @ApiProperty({
    enum: ['linked', 'revoked'],
    description:
      '`linked`: the site holds a credential headquarters accepted; `revoked`: headquarters refused it, so the ' +
      'site no longer reaches it until an admin links it again with a new code',
  })
  state!: HqLinkState;
  @ApiProperty({ example: 'https://hq.example.com' }) hqUrl!: string;
  @ApiProperty({ format: 'uuid', description: 'The site’s id at headquarters' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte', description: 'The site’s name at headquarters' })
  siteName!: string;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When headquarters last answered the site’s contact',
  })
  lastContactAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'headquarters could not be reached: connect ECONNREFUSED',
    description: 'Why the last contact failed, when it did; null once a contact succeeds',
  })
  lastProblem!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastProblemAt!: string | null;
  @ApiProperty({
    type: HqLinkCatalogView,
    description: 'The catalog from headquarters: what the site applied last',
  })
  catalog!: HqLinkCatalogView;
  @ApiProperty({ type: HqLinkStaffView, description: 'Headquarters’ staff directory, as the site holds it' })
  staff!: HqLinkStaffView;

  static of(this: void, row: HqLinkRow): HqLinkView {
    return {
      state: row.state,
      hqUrl: row.hqUrl,
      siteId: row.siteId,
      siteName: row.siteName,
      linkedAt: row.linkedAt.toISOString(),
      lastContactAt: row.lastContactAt?.toISOString() ?? null,
      lastProblem: row.lastProblem,
      lastProblemAt: row.lastProblemAt?.toISOString() ?? null,
      catalog: {
        version: row.catalogVersion,
        state: row.catalogState,
        problem: row.catalogProblem,
        problems: row.catalogProblems ?? [],
        pulledAt: row.catalogPulledAt?.toISOString() ?? null,
      },
      staff: {
        version: row.staffVersion,
        problem: row.staffProblems?.length
          ? row.staffProblems.map((entry) => entry.problem).join('; ')
          : null,
        problems: row.staffProblems ?? [],
      },
    };
  }
}
