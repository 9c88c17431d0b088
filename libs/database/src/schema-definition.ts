import type { MixedList } from 'typeorm';

/** The entities and migrations of the whole application, assembled by `@app/schema`. */
export interface SchemaDefinition {
  // TypeORM's own option types: entity classes and migration classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
}
