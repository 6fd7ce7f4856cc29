import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, MaxLength } from 'class-validator';
import { HqLinkCodeInput } from '../../hq/dto/hq-site.inputs';
import type { HqLinkRow, HqLinkState } from '../hq-link.entity';

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
    };
  }
}
