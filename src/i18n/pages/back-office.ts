import { backOffice as german } from '../de/back-office';
import { backOfficeAudit as germanAudit } from '../de/back-office-audit';
import { backOfficeChain as germanChain } from '../de/back-office-chain';
import { backOfficeHqCatalog as germanHqCatalog } from '../de/back-office-hq-catalog';
import { backOfficeHqReports as germanHqReports } from '../de/back-office-hq-reports';
import { backOfficeHqStaff as germanHqStaff } from '../de/back-office-hq-staff';
import { backOfficeInventoryReports as germanInventoryReports } from '../de/back-office-inventory-reports';
import { backOfficeMenu as germanMenu } from '../de/back-office-menu';
import { backOfficeReportDocuments as germanReportDocuments } from '../de/back-office-report-documents';
import { backOfficeScreens as germanScreens } from '../de/back-office-screens';
import { backOffice as english } from '../en/back-office';
import { backOfficeAudit as englishAudit } from '../en/back-office-audit';
import { backOfficeChain as englishChain } from '../en/back-office-chain';
import { backOfficeHqCatalog as englishHqCatalog } from '../en/back-office-hq-catalog';
import { backOfficeHqReports as englishHqReports } from '../en/back-office-hq-reports';
import { backOfficeHqStaff as englishHqStaff } from '../en/back-office-hq-staff';
import { backOfficeInventoryReports as englishInventoryReports } from '../en/back-office-inventory-reports';
import { backOfficeMenu as englishMenu } from '../en/back-office-menu';
import { backOfficeReportDocuments as englishReportDocuments } from '../en/back-office-report-documents';
import { backOfficeScreens as englishScreens } from '../en/back-office-screens';
import type { Catalogue } from '../translator';

/** The back office's texts, a file per part and language (the guide, the menu, the other screens, the audit log's words, the printed reports, the chain, headquarters' catalog, its reports and its staff, the inventory's reports). */
export const backOfficeCatalogue: Catalogue = {
  en: {
    backOffice: {
      ...english,
      ...englishMenu,
      ...englishScreens,
      ...englishAudit,
      ...englishReportDocuments,
      ...englishChain,
      ...englishHqCatalog,
      ...englishHqReports,
      ...englishHqStaff,
      ...englishInventoryReports,
    },
  },
  de: {
    backOffice: {
      ...german,
      ...germanMenu,
      ...germanScreens,
      ...germanAudit,
      ...germanReportDocuments,
      ...germanChain,
      ...germanHqCatalog,
      ...germanHqReports,
      ...germanHqStaff,
      ...germanInventoryReports,
    },
  },
};
