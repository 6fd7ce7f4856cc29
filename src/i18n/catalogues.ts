import { backOfficeCatalogue } from './pages/back-office';
import { glanceCatalogue } from './pages/glance';
import { kitchenCatalogue } from './pages/kitchen';
import { pickupCatalogue } from './pages/pickup';
import { receiptCatalogue } from './pages/receipt';
import { screensCatalogue } from './pages/screens';
import { waiterCatalogue } from './pages/waiter';
import type { Catalogue } from './translator';

/**
 * Every page's messages: one catalogue per page (pages/, each bundled by its page alone), its texts per language
 * under en/ and de/ (the German typed by the English, so a key missing in either does not compile). What the
 * completeness check and the German walk read.
 */
export const CATALOGUES: Record<string, Catalogue> = {
  screens: screensCatalogue,
  pickup: pickupCatalogue,
  kitchen: kitchenCatalogue,
  receipt: receiptCatalogue,
  glance: glanceCatalogue,
  backOffice: backOfficeCatalogue,
  waiter: waiterCatalogue,
};
