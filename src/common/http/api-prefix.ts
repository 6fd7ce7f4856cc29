/** Where the API's routes live: `/api/v1/...`. */
export const API_PREFIX = 'api/v1';
