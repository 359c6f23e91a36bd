import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A module of @vercel/cosmosdb-server's own (`lib/…`), which only this folder reaches into: its
 * account model, handlers and routes, where the embedded server is made to behave as Cosmos DB.
 */
export function packageModule<T>(file: string): T {
  return require(`@vercel/cosmosdb-server/lib/${file}`) as T;
}

/** The prototype of one of the package's account classes (`account/documents.js` …), to hook its methods. */
export function accountPrototype<T>(name: string): T {
  return packageModule<{ default: { prototype: T } }>(`account/${name}.js`).default.prototype;
}

const installed = new Set<string>();

/** Lays hooks on the package once per thread (`name` says which), however often a server is made. */
export function installOnce(name: string, install: () => void): void {
  if (installed.has(name)) return;
  installed.add(name);
  install();
}
