import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const lists = new WeakMap<object, string>();

/**
 * `column AS "property", …` for every column of an entity, so a hand-written statement's
 * RETURNING gives rows that `manager.create()` turns into entities without a second read.
 */
export function entityColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
): string {
  const metadata = manager.connection.getMetadata(entity);
  let list = lists.get(metadata);
  if (list === undefined) {
    list = metadata.columns
      .map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
    lists.set(metadata, list);
  }
  return list;
}
