/**
 * Values an editor typed and then cleared. Decap saves those as "" (or a group of empty fields),
 * which a schema reads as an answer: an empty ODS code "is not in capitals". Removing them before
 * saving makes a cleared optional field the same as one never filled. List items are left alone:
 * removing one would shift the others.
 */

const isGroup = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function isEmpty(value: unknown): boolean {
  if (value === '' || value === null) return true;
  return isGroup(value) && Object.values(value).every(isEmpty);
}

/** The paths to delete, outermost first: a wholly empty group is one path, not one per field. */
export function emptyPaths(value: unknown, path: string[] = []): string[][] {
  if (!isGroup(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    isEmpty(child) ? [[...path, key]] : emptyPaths(child, [...path, key]),
  );
}
