import { type Api, ApiError, everyPage, ok, PER_PAGE, type Schemas } from '../shared/api';

/** This screen's configuration, as a manager set it up: its stations (or expo) with their timer thresholds. */
export type KitchenDevice = Schemas['KitchenDeviceSetupView'];

const TOKEN_KEY = 'pos.kitchen.deviceToken';

/** The device token this browser was paired with, kept across restarts (localStorage). */
export const deviceToken = {
  read: (): string | null => localStorage.getItem(TOKEN_KEY),
  keep: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  forget: () => localStorage.removeItem(TOKEN_KEY),
};

/** Pairs this browser with the one-time code a manager was given; answers the device token. */
export async function pair(api: Api, code: string): Promise<string> {
  const paired = await ok(api.POST('/api/v1/kitchen/devices/pair', { body: { code } }));
  return paired.deviceToken;
}

/** The device's configuration, or null when its token was revoked (the screen then asks to be paired again). */
export async function loadDevice(api: Api, token: string): Promise<KitchenDevice | null> {
  try {
    return await ok(api.GET('/api/v1/kitchen/device', { params: { header: { 'X-Kitchen-Device': token } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Table names and the dishes' allergens: what tickets show beside the order. */
export async function loadReferences(
  api: Api,
): Promise<{ tableNames: Map<string, string>; dishAllergens: Map<string, readonly string[]> }> {
  const [tableNames, dishes] = await Promise.all([
    loadTableNames(api),
    everyPage((page) => ok(api.GET('/api/v1/dishes', { params: { query: { page, perPage: PER_PAGE } } }))),
  ]);
  return { tableNames, dishAllergens: new Map(dishes.map((dish) => [dish.id, dish.allergens.map(String)])) };
}

/** Every table's name by id: read again when a ticket names a table added during service. */
export async function loadTableNames(api: Api): Promise<Map<string, string>> {
  const tables = await everyPage((page) =>
    ok(api.GET('/api/v1/tables', { params: { query: { page, perPage: PER_PAGE } } })),
  );
  return new Map(tables.map((table) => [table.id, table.name]));
}
