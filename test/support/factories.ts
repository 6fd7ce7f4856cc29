import { as, Session } from './clients';
import type { TestApp } from './test-app';

/** Data factories over the admin API, so specs read as what a restaurant does. */
export function factories(t: TestApp, admin: Session) {
  const post = async <T>(path: string, body: object): Promise<T> => {
    const response = await as(t, admin).post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  return {
    newTable: async (name = 'T1') => {
      const location = await post<{ id: string }>('/api/v1/locations', { name: `Room for ${name}` });
      return post<{ id: string; name: string; qrToken: string }>('/api/v1/tables', {
        name,
        locationId: location.id,
        seats: 4,
      });
    },
    newCategory: (name = 'Mains', sortOrder = 0) =>
      post<{ id: string; name: string }>('/api/v1/categories', { name, sortOrder }),
    newStation: (name = 'Grill') => post<{ id: string; name: string }>('/api/v1/stations', { name }),
    newIngredient: (name: string, allergens: string[]) =>
      post<{ id: string }>('/api/v1/ingredients', { name, allergens }),
    newDish: (body: {
      name: string;
      categoryId: string;
      stationId: string;
      price?: number;
      variations?: Array<{ name: string; price: number }>;
      description?: string;
      ingredientIds?: string[];
    }) =>
      post<{ id: string; name: string; variations: Array<{ id: string; name: string; price: number }> }>(
        '/api/v1/dishes',
        body,
      ),
  };
}
