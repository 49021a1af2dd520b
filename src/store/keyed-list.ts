// Records of one execution keyed by id (its timers, its tasks): the record
// itself while there is one (a parked execution holds one), an array while
// there are few, a Map once there are many (a Map state's thousands of
// running tasks). A record must not itself be an array. Insertion order is kept.

export type KeyedList<T> = T | T[] | Map<string, T>;

/** past this many records the list becomes a Map */
const SMALL = 8;

export function keyedGet<T>(list: KeyedList<T> | undefined, id: string, key: (t: T) => string): T | undefined {
  if (list === undefined) return undefined;
  if (list instanceof Map) return list.get(id);
  if (!Array.isArray(list)) return key(list) === id ? list : undefined;
  for (let i = 0; i < list.length; i++) if (key(list[i]!) === id) return list[i];
  return undefined;
}

/** adds (or replaces) a record; returns the list to keep in place of `list` */
export function keyedSet<T>(list: KeyedList<T> | undefined, item: T, key: (t: T) => string): KeyedList<T> {
  if (list === undefined) return item;
  const id = key(item);
  if (list instanceof Map) { list.set(id, item); return list; }
  if (!Array.isArray(list)) return key(list) === id ? item : [list, item];
  for (let i = 0; i < list.length; i++) if (key(list[i]!) === id) { list[i] = item; return list; }
  if (list.length < SMALL) { list.push(item); return list; }
  const map = new Map<string, T>();
  for (const t of list) map.set(key(t), t);
  map.set(id, item);
  return map;
}

/** removes the record with this id; returns the list to keep in place of `list` */
export function keyedDelete<T>(list: KeyedList<T> | undefined, id: string, key: (t: T) => string): KeyedList<T> | undefined {
  if (list === undefined) return undefined;
  if (list instanceof Map) { list.delete(id); return list.size ? list : undefined; }
  if (!Array.isArray(list)) return key(list) === id ? undefined : list;
  for (let i = 0; i < list.length; i++) {
    if (key(list[i]!) === id) {
      list.splice(i, 1);
      return list.length > 1 ? list : list[0];
    }
  }
  return list;
}

export function keyedValues<T>(list: KeyedList<T> | undefined): readonly T[] {
  return list === undefined ? [] : list instanceof Map ? [...list.values()] : Array.isArray(list) ? list.slice() : [list];
}
