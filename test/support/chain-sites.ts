import { as, Session } from './clients';
import type { ServiceProcess } from './processes';
import type { TestDatabase } from './test-database';

/** A site of a chain spec: a service process of its own, on its own database. */
export interface Site {
  name: string;
  service: ServiceProcess;
  database: TestDatabase;
  admin: Session;
  /** Its id at headquarters. */
  id: string;
}

export interface MenuLine {
  category: string;
  dish: string;
  variation: string;
  price: number;
}

/** A site's state of a publication, as GET /hq/publications/{id} lists it. */
export interface PublicationSite {
  siteId: string;
  state: string;
  reason: string | null;
}

/** What a site's guests and waiters see: GET /menu, one line per variation, sorted. */
export async function menuLines(site: Site): Promise<MenuLine[]> {
  const menu = (await as(site.service, site.admin).get('/api/v1/menu').expect(200)).body as {
    categories: Array<{
      name: string;
      dishes: Array<{ name: string; variations: Array<{ name: string; price: number }> }>;
    }>;
  };
  return sortLines(
    menu.categories.flatMap((category) =>
      category.dishes.flatMap((dish) =>
        dish.variations.map((variation) => ({
          category: category.name,
          dish: dish.name,
          variation: variation.name,
          price: variation.price,
        })),
      ),
    ),
  );
}

export const sortLines = (lines: MenuLine[]) =>
  lines.sort((a, b) => `${a.dish}/${a.variation}`.localeCompare(`${b.dish}/${b.variation}`));
