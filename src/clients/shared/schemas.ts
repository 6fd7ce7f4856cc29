import type { components } from './api-schema';

/** The API's schemas by name, as the served OpenAPI spec describes them. */
export type Schemas = components['schemas'];
