import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what its last full collection kept. By its own measure (fast
 * collections) V8 picks up to 4×: under a burst of presses the bot's 80 MB of live data became a
 * 320 MB heap before the next full collection, and 440 MB resident. A growth of 40 % keeps it near
 * 235 MB for a few percent more collection time. Unlike `--max-old-space-size` this is no limit: a
 * larger live set (the embedded database keeps everything in this heap) just grows the heap further.
 * V8 reads it at every full collection, so setting it here at start-up works, unlike the heap limit.
 * 0 leaves V8's own choice.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.trunc(percent)}`);
}
