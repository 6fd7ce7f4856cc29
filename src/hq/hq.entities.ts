import { HqSalesDay } from './hq-sales-day.entity';
import { HqSalesFact } from './hq-sales-fact.entity';
import { HqSite } from './hq-site.entity';
import { HqSiteGroup, HqSiteMembership } from './hq-site-group.entity';

export const HQ_ENTITIES = [HqSite, HqSiteGroup, HqSiteMembership, HqSalesFact, HqSalesDay];
