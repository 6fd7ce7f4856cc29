import { waiter as german } from '../de/waiter';
import { waiter as english } from '../en/waiter';
import type { Catalogue } from '../translator';

export const waiterCatalogue: Catalogue = { en: { waiter: english }, de: { waiter: german } };
