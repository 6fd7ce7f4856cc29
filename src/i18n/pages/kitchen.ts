import { kitchen as german } from '../de/kitchen';
import { kitchen as english } from '../en/kitchen';
import type { Catalogue } from '../translator';

export const kitchenCatalogue: Catalogue = { en: { kitchen: english }, de: { kitchen: german } };
