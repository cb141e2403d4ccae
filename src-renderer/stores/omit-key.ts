/** A copy of a record without one key, for immutable store updates. */
export function omitKey<T extends object>(record: T, key: PropertyKey): T {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key)) as T;
}
