import { glance as german } from '../de/glance';
import { glance as english } from '../en/glance';
import type { Catalogue } from '../translator';

export const glanceCatalogue: Catalogue = { en: { glance: english }, de: { glance: german } };
