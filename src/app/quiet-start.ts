/**
 * restify loads spdy, whose http-deceiver reads `process.binding('http_parser')` and so makes Node
 * print deprecation DEP0111 twice at every start. It is not ours to fix and says nothing to the
 * person starting Lokus; every other warning is printed as usual. Import before restify.
 */
const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0111') return;
  emit(warning, ...rest);
}) as typeof process.emitWarning;
