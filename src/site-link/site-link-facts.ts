import { FactKind } from '../event-log/facts';

/** An admin linked this site to headquarters (for the first time, or again after a revocation). */
export interface SiteLinked {
  siteId: string;
}

export const SITE_LINKED = new FactKind<SiteLinked>('site linked to headquarters');
