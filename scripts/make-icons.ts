/**
 * Draws the Teams app icons into appPackage/: color.png (192×192, full colour) and outline.png
 * (32×32, white on transparent). The glyph is a minutes page with two text lines and a tick.
 * Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only runs on a redesign.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './lib/png.js';

/** The Teams accent colour in the manifest (accentColor) and the colour icon's background. */
export const ACCENT = '#1B5E7E';

type Point = [number, number];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Is the point (glyph coordinates 0..1) on the glyph? */
function onGlyph(p: Point): boolean {
  const stroke = 0.085;
  const [x, y] = p;
  // The page: a rectangle outline.
  const [l, t, r, b] = [0.2, 0.06, 0.8, 0.94];
  const insideOuter = x >= l && x <= r && y >= t && y <= b;
  const insideInner = x > l + stroke && x < r - stroke && y > t + stroke && y < b - stroke;
  if (insideOuter && !insideInner) return true;
  // Two text lines.
  for (const ly of [0.3, 0.46]) if (distanceToSegment(p, [0.36, ly], [0.64, ly]) <= stroke / 2) return true;
  // The tick.
  return distanceToSegment(p, [0.35, 0.68], [0.46, 0.79]) <= stroke / 2 || distanceToSegment(p, [0.46, 0.79], [0.66, 0.59]) <= stroke / 2;
}

/** Coverage 0..1 of the glyph over one pixel, by 4×4 supersampling. */
function coverage(px: number, py: number, size: number, margin: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const gx = (px + (sx + 0.5) / 4 - margin) / (size - 2 * margin);
      const gy = (py + (sy + 0.5) / 4 - margin) / (size - 2 * margin);
      if (onGlyph([gx, gy])) hits++;
    }
  }
  return hits / 16;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function drawColorIcon(): RgbaImage {
  const size = 192;
  const [r, g, b] = hexToRgb(ACCENT);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, 40);
      const i = (y * size + x) * 4;
      data[i] = Math.round(r + (255 - r) * c);
      data[i + 1] = Math.round(g + (255 - g) * c);
      data[i + 2] = Math.round(b + (255 - b) * c);
      data[i + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(255 * coverage(x, y, size, 4));
      const i = (y * size + x) * 4;
      if (alpha > 0) data.set([255, 255, 255, alpha], i);
    }
  }
  return { width: size, height: size, data };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../appPackage/', import.meta.url);
  writeFileSync(new URL('color.png', dir), encodePng(drawColorIcon()));
  writeFileSync(new URL('outline.png', dir), encodePng(drawOutlineIcon()));
  console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
}
