/**
 * A Map with a stated maximum size, for state that lives as long as the isolate: once full, each
 * new key first evicts the entry used least recently (a `get` or `set` counts as a use). Module-
 * level caches and memories are this, never a plain Map, so no client can grow an isolate's heap
 * by sending new values (test/unit/common/isolate-state.test.ts checks the source for that).
 */
export class BoundedMap<K, V> {
  readonly maxSize: number;
  readonly #entries = new Map<K, V>();

  constructor(maxSize: number) {
    if (!(maxSize >= 1)) throw new RangeError("a BoundedMap holds at least one entry");
    this.maxSize = maxSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Used now: move it to the young end.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Reads without counting as a use (for reports that must not change what is evicted). */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxSize) this.evict(1);
    this.#entries.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Drops the `count` least recently used entries. */
  evict(count: number): void {
    for (const key of this.#entries.keys()) {
      if (count-- <= 0) break;
      this.#entries.delete(key);
    }
  }

  /** Drops every entry `stale` says is worth nothing any more; answers how many went. */
  sweep(stale: (value: V, key: K) => boolean): number {
    let dropped = 0;
    for (const [key, value] of this.#entries) {
      if (!stale(value, key)) continue;
      this.#entries.delete(key);
      dropped++;
    }
    return dropped;
  }

  entries(): IterableIterator<[K, V]> {
    return this.#entries.entries();
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.#entries.entries();
  }
}
