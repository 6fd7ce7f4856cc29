import { HqCatalogItem, HqOverride, HqPublication, HqPublicationSite } from './catalog/hq-catalog.entities';
import { HqStaffMember, HqStaffProblem, HqStaffReach, HqStaffSite } from './staff/hq-staff.entities';
import { HqCashShift } from './hq-cash-shift.entity';
import { HqLabourDay, HqTipDay } from './hq-labour.entities';
import { HqSalesDay } from './hq-sales-day.entity';
import { HqSalesFact } from './hq-sales-fact.entity';
import { HqSalesDishDay, HqSalesPaymentDay, HqSalesTaxDay, HqZReport } from './hq-sales-mix.entities';
import { HqSite } from './hq-site.entity';
import { HqSiteGroup, HqSiteMembership } from './hq-site-group.entity';

export const HQ_ENTITIES = [
  HqSite,
  HqSiteGroup,
  HqSiteMembership,
  HqSalesFact,
  HqSalesDay,
  HqSalesDishDay,
  HqSalesPaymentDay,
  HqSalesTaxDay,
  HqZReport,
  HqCashShift,
  HqLabourDay,
  HqTipDay,
  HqCatalogItem,
  HqOverride,
  HqPublication,
  HqPublicationSite,
  HqStaffMember,
  HqStaffSite,
  HqStaffProblem,
  HqStaffReach,
];
