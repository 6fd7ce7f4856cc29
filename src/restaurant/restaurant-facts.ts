import type { Principal } from '../common/access/principal';
import { FactKind } from '../event-log/facts';
import type { Language } from '../i18n/languages';

/**
 * The restaurant's language changed (its locale's language, or the first start seeding a profile in another
 * language than the migrations'): each module renames its seeded rows (seeded-names.ts) in the same transaction.
 */
export interface RestaurantLanguageChanged {
  from: Language;
  to: Language;
  /** Who changed the profile; null for the first start. */
  by: Principal | null;
}

export const RESTAURANT_LANGUAGE_CHANGED = new FactKind<RestaurantLanguageChanged>(
  'restaurant language changed',
);
