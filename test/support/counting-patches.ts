import type { Container } from '@azure/cosmos';

/** The container, with every patch sent through it counted (its number of operations, in order). */
export function countingPatches(container: Container): { container: Container; patches: number[] } {
  const patches: number[] = [];
  const counted = new Proxy(container, {
    get: (target, prop) => (prop === 'item' ? (id: string, pk: string) => {
      const item = target.item(id, pk);
      return new Proxy(item, {
        get: (i, p) => (p === 'patch' ? (...args: Parameters<typeof item.patch>) => {
          const body = args[0];
          patches.push(Array.isArray(body) ? body.length : body.operations.length);
          return i.patch(...args);
        } : Reflect.get(i, p)),
      });
    } : Reflect.get(target, prop)),
  });
  return { container: counted, patches };
}
