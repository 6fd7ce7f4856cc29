import type { EntityTarget } from '../database/entity-target';

/** The entities of the menu module, registered with the DataSource in src/database/entities.ts. */
export const MENU_ENTITIES: EntityTarget[] = [];
