/**
 * What is derived from an object that cannot change (frozen, as the store hands it out), made once
 * per object; an object that is not frozen is still being built and gets nothing (undefined).
 */
export class FrozenMemo<K extends object, V> {
  private readonly made = new WeakMap<K, V>();

  constructor(private readonly derive: (from: K) => V) {}

  of(from: K): V | undefined {
    if (!Object.isFrozen(from)) return undefined;
    let value = this.made.get(from);
    if (value === undefined) {
      value = this.derive(from);
      this.made.set(from, value);
    }
    return value;
  }
}
