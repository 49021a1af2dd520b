// Records of one execution keyed by id (its timers, its tasks): an array
// while there are few (a parked execution holds one or two, and an array of
// one costs a fraction of a Map's hash table), a Map once there are many (a
// Map state's thousands of running tasks). Insertion order is kept.

export type KeyedList<T> = T[] | Map<string, T>;

/** past this many records the list becomes a Map */
const SMALL = 8;

export function keyedGet<T>(list: KeyedList<T> | undefined, id: string, key: (t: T) => string): T | undefined {
  if (list === undefined) return undefined;
  if (list instanceof Map) return list.get(id);
  for (let i = 0; i < list.length; i++) if (key(list[i]!) === id) return list[i];
  return undefined;
}

/** adds (or replaces) a record; returns the list to keep, a new one when `list` was undefined or became a Map */
export function keyedSet<T>(list: KeyedList<T> | undefined, item: T, key: (t: T) => string): KeyedList<T> {
  const id = key(item);
  if (list === undefined) return [item];
  if (list instanceof Map) { list.set(id, item); return list; }
  for (let i = 0; i < list.length; i++) if (key(list[i]!) === id) { list[i] = item; return list; }
  if (list.length < SMALL) { list.push(item); return list; }
  const map = new Map<string, T>();
  for (const t of list) map.set(key(t), t);
  map.set(id, item);
  return map;
}

/** removes a record; returns it */
export function keyedDelete<T>(list: KeyedList<T> | undefined, id: string, key: (t: T) => string): T | undefined {
  if (list === undefined) return undefined;
  if (list instanceof Map) { const t = list.get(id); list.delete(id); return t; }
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if (key(t) === id) { list.splice(i, 1); return t; }
  }
  return undefined;
}

export function keyedSize(list: KeyedList<unknown> | undefined): number {
  return list === undefined ? 0 : list instanceof Map ? list.size : list.length;
}

export function keyedValues<T>(list: KeyedList<T> | undefined): readonly T[] {
  return list === undefined ? [] : list instanceof Map ? [...list.values()] : list.slice();
}
