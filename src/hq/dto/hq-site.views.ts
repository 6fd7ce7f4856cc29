import { ApiProperty } from '@nestjs/swagger';
import type { HqSite } from '../hq-site.entity';
import type { HqSiteGroup } from '../hq-site-group.entity';

/** Where a site's link stands: a code waiting to be used, a live credential, or a revoked one. */
export enum HqSiteLinkState {
  AwaitingLink = 'awaiting_link',
  Linked = 'linked',
  Revoked = 'revoked',
}

export class HqSiteLinkView {
  @ApiProperty({
    enum: HqSiteLinkState,
    enumName: 'HqSiteLinkState',
    description:
      '`awaiting_link`: no credential yet (a link code may be live); `linked`: the site holds a live ' +
      'credential; `revoked`: its credential was revoked and no new one issued yet',
  })
  state!: HqSiteLinkState;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the last link code issued may be used; null once used, or when none is live',
  })
  linkCodeExpiresAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the site last linked',
  })
  linkedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the site last reached headquarters with its credential',
  })
  lastContactAt!: string | null;
}

export class HqSiteSalesView {
  @ApiProperty({
    example: 1042,
    description:
      'Where the site’s database stands in its own event log: the highest seq of the newest batch that brought ' +
      'headquarters a fact (or began a new stream: a database replaced and linked again); 0 before the first. ' +
      'Facts arrive in the site’s log order, each once',
  })
  cursor!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the site last sent sales facts',
  })
  receivedAt!: string | null;
  @ApiProperty({
    example: 0,
    description:
      'Its lag as the site said it with its last batch: batches of facts still waiting behind it (0: caught ' +
      'up). A site cut off since says nothing more: compare lastContactAt',
  })
  pendingBatches!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the oldest of those batches was made at the site; null when it was caught up',
  })
  pendingSince!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'Why headquarters last refused a batch of the site’s facts: a repeat whose content differs from the fact ' +
      'held at its seq (409 to the site, which sends it again until someone looks). null once a later batch ' +
      'brought a fact',
  })
  refusal!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When that refusal was' })
  refusedAt!: string | null;
}

export class HqSiteCatalogView {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'The version of the last publication the site applied; null before the first',
  })
  version!: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it reported it applied',
  })
  appliedAt!: string | null;
}

/** The identity fields a site may differ in from headquarters' record of it. */
const IDENTITY_FIELDS = ['name', 'address', 'taxId', 'timezone', 'currency', 'country'] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number];

export class HqSiteIdentityDifference {
  @ApiProperty({ enum: IDENTITY_FIELDS, example: 'timezone' }) field!: IdentityField;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Europe/Berlin',
    description: 'As headquarters has it (an address’s lines joined by ", ")',
  })
  headquarters!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'UTC', description: 'As the site runs with it' })
  site!: string | null;
}

export class HqSiteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) name!: string;
  @ApiProperty({ type: [String], example: ['Lindenstraße 1', '10115 Berlin'] }) address!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'DE123456789' }) taxId!: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'DE' }) country!: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Its groups, in the order their overrides apply',
  })
  groupIds!: string[];
  @ApiProperty({
    type: [HqSiteIdentityDifference],
    description:
      'Where the site’s own profile differs from this identity: a site that had sold before it linked keeps its ' +
      'own (its records were made in it); one that had not takes this one when it links. Empty when they agree',
  })
  identityDifferences!: HqSiteIdentityDifference[];
  @ApiProperty({ type: HqSiteLinkView }) link!: HqSiteLinkView;
  @ApiProperty({ type: HqSiteSalesView }) sales!: HqSiteSalesView;
  @ApiProperty({ type: HqSiteCatalogView }) catalog!: HqSiteCatalogView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(this: void, site: HqSite, groupIds: string[]): HqSiteView {
    const iso = (instant: Date | null) => instant?.toISOString() ?? null;
    return {
      id: site.id,
      name: site.name,
      address: site.address,
      taxId: site.taxId,
      timezone: site.timezone,
      currency: site.currency,
      country: site.country,
      groupIds,
      identityDifferences: identityDifferences(site),
      link: {
        state: site.credentialHash
          ? HqSiteLinkState.Linked
          : site.credentialRevokedAt
            ? HqSiteLinkState.Revoked
            : HqSiteLinkState.AwaitingLink,
        linkCodeExpiresAt: iso(site.linkCodeHash ? site.linkCodeExpiresAt : null),
        linkedAt: iso(site.linkedAt),
        lastContactAt: iso(site.lastContactAt),
      },
      sales: {
        cursor: site.salesCursor,
        receivedAt: iso(site.salesReceivedAt),
        pendingBatches: site.salesPendingBatches,
        pendingSince: iso(site.salesPendingSince),
        refusal: site.salesRefusal,
        refusedAt: iso(site.salesRefusedAt),
      },
      catalog: { version: site.catalogVersion, appliedAt: iso(site.catalogAppliedAt) },
      createdAt: site.createdAt.toISOString(),
    };
  }
}

export class HqLinkCodeView {
  @ApiProperty({ type: HqSiteView }) site!: HqSiteView;
  @ApiProperty({
    example: 'K7QM2XHP9RWA',
    pattern: '^[2-9A-HJ-NP-Z]{12}$',
    description:
      'Shown this once: the site’s admin sends it with POST /hq-link on the site, within 24 hours, once. A new ' +
      'code makes the one before it useless',
  })
  linkCode!: string;
  @ApiProperty({ format: 'date-time' }) linkCodeExpiresAt!: string;
}

export class HqSiteGroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Bavaria' }) name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(this: void, group: HqSiteGroup): HqSiteGroupView {
    return {
      id: group.id,
      name: group.name,
      parentId: group.parentId,
      createdAt: group.createdAt.toISOString(),
    };
  }
}

/**
 * What the site learns when it links: who it is at headquarters (the identity its profile starts with, unless it
 * has sold already), and the credential it presents from now on.
 */
export class SiteCredentialView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) name!: string;
  @ApiProperty({ type: [String], example: ['Lindenstraße 1', '10115 Berlin'] }) address!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'DE123456789' }) taxId!: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'DE' }) country!: string;
  @ApiProperty({
    example: 'site_3q2V…',
    description: 'Shown this once: the site sends it as X-Site-Credential on every call to headquarters',
  })
  credential!: string;
}

/** Headquarters' answer to a site's contact. */
export class SiteContactView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) name!: string;
  @ApiProperty({ format: 'date-time', description: 'When headquarters recorded this contact' })
  contactAt!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description:
      'The latest catalog publication’s version (null: none yet): a site that has not applied it pulls it ' +
      '(GET /hq/site/catalog)',
  })
  catalogVersion!: number | null;
  @ApiProperty({
    example: 12,
    description:
      'The staff directory’s version (0: empty): a site holding an earlier one takes the people changed since ' +
      '(GET /hq/site/staff)',
  })
  staffVersion!: number;
}

function identityDifferences(site: HqSite): HqSiteIdentityDifference[] {
  const own = site.siteIdentity;
  if (!own) return [];
  const shown = (value: string | string[] | null) => (Array.isArray(value) ? value.join(', ') : value);
  return IDENTITY_FIELDS.filter((field) => shown(own[field]) !== shown(site[field])).map((field) => ({
    field,
    headquarters: shown(site[field]),
    site: shown(own[field]),
  }));
}
