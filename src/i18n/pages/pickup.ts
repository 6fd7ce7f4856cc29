import { pickup as german } from '../de/pickup';
import { pickup as english } from '../en/pickup';
import type { Catalogue } from '../translator';

export const pickupCatalogue: Catalogue = { en: { pickup: english }, de: { pickup: german } };
