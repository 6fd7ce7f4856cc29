import { StaffAndAuth1795000000000 } from './1795000000000-StaffAndAuth';
import { EventLogAndAudit1795000100000 } from './1795000100000-EventLogAndAudit';
import { Floor1795000200000 } from './1795000200000-Floor';
import { Menu1795000300000 } from './1795000300000-Menu';
import { RateLimits1795000400000 } from './1795000400000-RateLimits';
import { OrdersAndPayments1795000500000 } from './1795000500000-OrdersAndPayments';
import { LeanIdempotencyKeys1795000600000 } from './1795000600000-LeanIdempotencyKeys';
import { OrderLookupIndexes1795000700000 } from './1795000700000-OrderLookupIndexes';
import { MoneyAsBigint1795000800000 } from './1795000800000-MoneyAsBigint';
import { TableSeatingsAndNames1795000900000 } from './1795000900000-TableSeatingsAndNames';
import { ApiKeys1795001000000 } from './1795001000000-ApiKeys';
import { ApiKeyUsage1795001100000 } from './1795001100000-ApiKeyUsage';
import { Webhooks1795001200000 } from './1795001200000-Webhooks';
import { RateLimitsLeaveTheDatabase1795001300000 } from './1795001300000-RateLimitsLeaveTheDatabase';
import { ReportColumns1795001400000 } from './1795001400000-ReportColumns';
import { ShiftsTimeClockAndAuditIndexes1795001500000 } from './1795001500000-ShiftsTimeClockAndAuditIndexes';
import { SecurityAdministration1795001600000 } from './1795001600000-SecurityAdministration';
import { SecondFactor1795001700000 } from './1795001700000-SecondFactor';
import { BusinessDayCloses1795001800000 } from './1795001800000-BusinessDayCloses';
import { ModifierGroups1795001900000 } from './1795001900000-ModifierGroups';
import { CoursesAndCountedStock1795002000000 } from './1795002000000-CoursesAndCountedStock';
import { SeatsAndShares1795002100000 } from './1795002100000-SeatsAndShares';
import { SchemaMatchesEntities1795002200000 } from './1795002200000-SchemaMatchesEntities';
import { OneActiveBlockPerRange1795002300000 } from './1795002300000-OneActiveBlockPerRange';
import { TaxRates1795003000000 } from './1795003000000-TaxRates';
import { TaxLedger1795003010000 } from './1795003010000-TaxLedger';
import { OrderMoneyAllocations1795003100000 } from './1795003100000-OrderMoneyAllocations';
import { Receipts1795003300000 } from './1795003300000-Receipts';
import { Consumers1795003400000 } from './1795003400000-Consumers';
import { PrintersAndPrintJobs1795003500000 } from './1795003500000-PrintersAndPrintJobs';
import { CustomersAndLoyalty1795003600000 } from './1795003600000-CustomersAndLoyalty';
import { GiftCards1795003700000 } from './1795003700000-GiftCards';
import { TaxLedgerHistory1795003800000 } from './1795003800000-TaxLedgerHistory';
import { MenuSchedules1795004000000 } from './1795004000000-MenuSchedules';
import { PriceLevels1795004100000 } from './1795004100000-PriceLevels';
import { PriceRules1795004150000 } from './1795004150000-PriceRules';
import { Combos1795004200000 } from './1795004200000-Combos';
import { OrderFulfilment1795004300000 } from './1795004300000-OrderFulfilment';
import { Channels1795004400000 } from './1795004400000-Channels';
import { PersonalData1795004500000 } from './1795004500000-PersonalData';
import { SplitParts1795004510000 } from './1795004510000-SplitParts';
import { UnverifiedPhones1795004520000 } from './1795004520000-UnverifiedPhones';
import { RefundsByLinesAndTips1795004600000 } from './1795004600000-RefundsByLinesAndTips';
import { KitchenScreens1795004700000 } from './1795004700000-KitchenScreens';
import { PickupBoards1795004710000 } from './1795004710000-PickupBoards';
import { OfflineClients1795004720000 } from './1795004720000-OfflineClients';
import { FiscalSigning1795004750000 } from './1795004750000-FiscalSigning';
import { CardTerminals1795004800000 } from './1795004800000-CardTerminals';
import { KitchenTextSize1795594541594 } from './1795594541594-KitchenTextSize';
import { KitchenDeviceSessions1795594959962 } from './1795594959962-KitchenDeviceSessions';
import { FiscalTills1795595719561 } from './1795595719561-FiscalTills';
import { FiscalFacts1795600000000 } from './1795600000000-FiscalFacts';
import { FiscalUnitCertificates1795600000001 } from './1795600000001-FiscalUnitCertificates';
import { SaleStartsAndDrawerMovements1795700000000 } from './1795700000000-SaleStartsAndDrawerMovements';
import { RestaurantProfile1795720000000 } from './1795720000000-RestaurantProfile';
import { ChainSites1795800000000 } from './1795800000000-ChainSites';
import { ChainSalesFacts1795810000000 } from './1795810000000-ChainSalesFacts';
import { MenuHqKeys1795820000000 } from './1795820000000-MenuHqKeys';
import { ChainCatalog1795830000000 } from './1795830000000-ChainCatalog';
import { ChainStaff1795840000000 } from './1795840000000-ChainStaff';
import { ChainReports1795850000000 } from './1795850000000-ChainReports';
import { ChainCatalogModifiersAndTaxes1795861000000 } from './1795861000000-ChainCatalogModifiersAndTaxes';
import { ChainCashShifts1795870000000 } from './1795870000000-ChainCashShifts';
import { ChainCatalogSchedulesAndPriceLevels1795880000000 } from './1795880000000-ChainCatalogSchedulesAndPriceLevels';
import { WrittenOrRefused1795890000000 } from './1795890000000-WrittenOrRefused';
import { ChainFactStreams1796110000000 } from './1796110000000-ChainFactStreams';
import { ChainMixKeys1796120000000 } from './1796120000000-ChainMixKeys';
import { HqStaffTrust1796571000000 } from './1796571000000-HqStaffTrust';
import { InventoryByRecipe1797100000000 } from './1797100000000-InventoryByRecipe';
import { JobsAndTimeClockDetail1797200000000 } from './1797200000000-JobsAndTimeClockDetail';
import { DrawersOnDevices1797300000000 } from './1797300000000-DrawersOnDevices';
import { RksvCashRegisters1797400000000 } from './1797400000000-RksvCashRegisters';
import { SiteIdentity1797650000000 } from './1797650000000-SiteIdentity';
import { CatalogRowProblems1797700000000 } from './1797700000000-CatalogRowProblems';
import { SalesRefusals1797800000000 } from './1797800000000-SalesRefusals';
import { AuditSubjects1797900000000 } from './1797900000000-AuditSubjects';
import { CountsAndReceiving1798000000000 } from './1798000000000-CountsAndReceiving';
import { TipsByRule1798100000000 } from './1798100000000-TipsByRule';
import { ChainLabour1798240000000 } from './1798240000000-ChainLabour';

/** Every migration in order; listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [
  StaffAndAuth1795000000000,
  EventLogAndAudit1795000100000,
  Floor1795000200000,
  Menu1795000300000,
  RateLimits1795000400000,
  OrdersAndPayments1795000500000,
  LeanIdempotencyKeys1795000600000,
  OrderLookupIndexes1795000700000,
  MoneyAsBigint1795000800000,
  TableSeatingsAndNames1795000900000,
  ApiKeys1795001000000,
  ApiKeyUsage1795001100000,
  Webhooks1795001200000,
  RateLimitsLeaveTheDatabase1795001300000,
  ReportColumns1795001400000,
  ShiftsTimeClockAndAuditIndexes1795001500000,
  SecurityAdministration1795001600000,
  SecondFactor1795001700000,
  BusinessDayCloses1795001800000,
  ModifierGroups1795001900000,
  CoursesAndCountedStock1795002000000,
  SeatsAndShares1795002100000,
  SchemaMatchesEntities1795002200000,
  OneActiveBlockPerRange1795002300000,
  TaxRates1795003000000,
  TaxLedger1795003010000,
  OrderMoneyAllocations1795003100000,
  Receipts1795003300000,
  Consumers1795003400000,
  PrintersAndPrintJobs1795003500000,
  CustomersAndLoyalty1795003600000,
  GiftCards1795003700000,
  TaxLedgerHistory1795003800000,
  MenuSchedules1795004000000,
  PriceLevels1795004100000,
  PriceRules1795004150000,
  Combos1795004200000,
  OrderFulfilment1795004300000,
  Channels1795004400000,
  PersonalData1795004500000,
  SplitParts1795004510000,
  UnverifiedPhones1795004520000,
  RefundsByLinesAndTips1795004600000,
  KitchenScreens1795004700000,
  PickupBoards1795004710000,
  OfflineClients1795004720000,
  FiscalSigning1795004750000,
  CardTerminals1795004800000,
  KitchenTextSize1795594541594,
  KitchenDeviceSessions1795594959962,
  FiscalTills1795595719561,
  FiscalFacts1795600000000,
  FiscalUnitCertificates1795600000001,
  SaleStartsAndDrawerMovements1795700000000,
  RestaurantProfile1795720000000,
  ChainSites1795800000000,
  ChainSalesFacts1795810000000,
  MenuHqKeys1795820000000,
  ChainCatalog1795830000000,
  ChainStaff1795840000000,
  ChainReports1795850000000,
  ChainCatalogModifiersAndTaxes1795861000000,
  ChainCashShifts1795870000000,
  ChainCatalogSchedulesAndPriceLevels1795880000000,
  WrittenOrRefused1795890000000,
  ChainFactStreams1796110000000,
  ChainMixKeys1796120000000,
  HqStaffTrust1796571000000,
  InventoryByRecipe1797100000000,
  JobsAndTimeClockDetail1797200000000,
  DrawersOnDevices1797300000000,
  RksvCashRegisters1797400000000,
  SiteIdentity1797650000000,
  CatalogRowProblems1797700000000,
  SalesRefusals1797800000000,
  AuditSubjects1797900000000,
  CountsAndReceiving1798000000000,
  TipsByRule1798100000000,
  ChainLabour1798240000000,
];
