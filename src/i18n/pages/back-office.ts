import { backOffice as german } from '../de/back-office';
import { backOfficeChain as germanChain } from '../de/back-office-chain';
import { backOfficeHqCatalog as germanHqCatalog } from '../de/back-office-hq-catalog';
import { backOfficeMenu as germanMenu } from '../de/back-office-menu';
import { backOfficeScreens as germanScreens } from '../de/back-office-screens';
import { backOffice as english } from '../en/back-office';
import { backOfficeChain as englishChain } from '../en/back-office-chain';
import { backOfficeHqCatalog as englishHqCatalog } from '../en/back-office-hq-catalog';
import { backOfficeMenu as englishMenu } from '../en/back-office-menu';
import { backOfficeScreens as englishScreens } from '../en/back-office-screens';
import type { Catalogue } from '../translator';

/** The back office's texts, kept in five files per language (the guide, the menu, the other screens, the chain, headquarters' catalog). */
export const backOfficeCatalogue: Catalogue = {
  en: { backOffice: { ...english, ...englishMenu, ...englishScreens, ...englishChain, ...englishHqCatalog } },
  de: { backOffice: { ...german, ...germanMenu, ...germanScreens, ...germanChain, ...germanHqCatalog } },
};
