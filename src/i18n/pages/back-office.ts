import { backOffice as german } from '../de/back-office';
import { backOffice as english } from '../en/back-office';
import type { Catalogue } from '../translator';

export const backOfficeCatalogue: Catalogue = { en: { backOffice: english }, de: { backOffice: german } };
