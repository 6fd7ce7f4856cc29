/** An entity class, as the DataSource's `entities` option takes it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export type EntityTarget = Function;
