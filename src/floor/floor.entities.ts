import type { EntityTarget } from '../database/entity-target';
import { Location } from './location.entity';
import { DiningTable } from './table.entity';

/** The entities of the floor module, registered with the DataSource in src/entities.ts. */
export const FLOOR_ENTITIES: EntityTarget[] = [Location, DiningTable];
