import { screens as german } from '../de/screens';
import { screens as english } from '../en/screens';
import type { Catalogue } from '../translator';

export const screensCatalogue: Catalogue = { en: english, de: german };
