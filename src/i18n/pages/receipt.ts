import { receipt as german } from '../de/receipt';
import { receipt as english } from '../en/receipt';
import type { Catalogue } from '../translator';

export const receiptCatalogue: Catalogue = { en: { receipt: english }, de: { receipt: german } };
