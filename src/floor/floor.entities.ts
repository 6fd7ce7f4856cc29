import type { EntityTarget } from '../database/entity-target';

/** The entities of the floor module, registered with the DataSource in src/database/entities.ts. */
export const FLOOR_ENTITIES: EntityTarget[] = [];
