import { as, loginAdmin, Session } from './clients';
import { startTestApp, type TestApp } from './test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, asserted by the test
export type Json = any;

interface AuditRow {
  action: string;
  before: string | null;
  after: string | null;
}

/**
 * The admin's menu calls, and the database reads that the menu specs check their writes with. Loosely typed,
 * as the specs assert whole bodies. Takes getters: the app and the admin's session exist once beforeAll has run.
 */
export function menuFixture(app: () => TestApp, admin: () => Session) {
  const api = () => as(app(), admin());

  async function create(path: string, body: object): Promise<Json> {
    const response = await api().post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const count = async (table: string): Promise<number> => {
    const [row] = await app().dataSource.query<Array<{ n: string | number }>>(
      `SELECT COUNT(*) AS n FROM ${table}`,
    );
    return Number(row.n);
  };

  const auditOf = async (action: string) =>
    (await app().dataSource.query<AuditRow[]>('SELECT action, before, after FROM audit_log')).filter(
      (row) => row.action === action,
    );

  return {
    api,
    newCategory: (name: string, extra: object = {}) => create('/api/v1/categories', { name, ...extra }),
    newStation: (name: string) => create('/api/v1/stations', { name }),
    newIngredient: (name: string, allergens: string[] = []) =>
      create('/api/v1/ingredients', { name, allergens }),
    newDish: (body: object) => create('/api/v1/dishes', body),
    count,
    auditOf,
  };
}

/**
 * A test app with its admin signed in for the describe it is called in (it registers beforeAll and afterAll: call it
 * before the spec's own), with menuFixture's calls on it. The app and the session exist once beforeAll has run.
 */
export function menuSpec() {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await loginAdmin(app);
  });
  afterAll(() => app.close());
  return {
    app: () => app,
    admin: () => admin,
    ...menuFixture(
      () => app,
      () => admin,
    ),
  };
}

/** The fields named in a 422's details, each once, in order. */
export const fields = (body: { error: { details: Array<{ field: string }> } }) => [
  ...new Set(body.error.details.map((detail) => detail.field)),
];
