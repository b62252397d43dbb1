import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * Chinese text in the PDF needs a CJK font embedded in the file. The font we ship is Noto Sans SC
 * from @fontsource/noto-sans-sc, which publishes it only as ~100 web subsets per weight, each
 * covering a unicode range (listed in its unicode.json, the same ranges as its CSS unicode-range).
 * This glue is hand-written because no npm package ships a single-file Noto Sans SC with pdfkit
 * support (pdfkit reads WOFF through fontkit, but not WOFF2 collections or CSS), and the
 * system fonts of a server cannot be relied on. So: each code point is mapped to the subset whose
 * range holds it, a line of text is cut into runs of one subset each, and each run is written with
 * that subset; pdfkit embeds only the glyphs used, so the file stays small.
 */

export type FontWeight = 400 | 700;

type Subset = { key: string; ranges: [number, number][] };

const require = createRequire(import.meta.url);
const unicodeJsonPath = require.resolve('@fontsource/noto-sans-sc/unicode.json');
const filesDir = join(dirname(unicodeJsonPath), 'files');

/** Parses "U+4e00-4e0f,U+3002" into inclusive [low, high] pairs. */
export function parseUnicodeRange(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const match = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match?.[1]) continue;
    if (match[1].includes('?')) {
      ranges.push([
        Number.parseInt(match[1].replace(/\?/g, '0'), 16),
        Number.parseInt(match[1].replace(/\?/g, 'f'), 16),
      ]);
      continue;
    }
    const low = Number.parseInt(match[1], 16);
    ranges.push([low, match[2] ? Number.parseInt(match[2], 16) : low]);
  }
  return ranges;
}

function loadSubsets(): Subset[] {
  const table = JSON.parse(readFileSync(unicodeJsonPath, 'utf8')) as Record<string, string>;
  const subsets = Object.entries(table).map(([name, range]) => ({
    // "[12]" names the numbered file noto-sans-sc-12-…; "latin" the named one.
    key: name.replace(/^\[(\d+)\]$/, '$1'),
    ranges: parseUnicodeRange(range),
  }));
  // Latin first: ASCII digits and spaces are in several subsets; one font for them keeps runs long.
  return subsets.sort((a, b) => Number(b.key === 'latin') - Number(a.key === 'latin'));
}

let subsets: Subset[] | undefined;
const subsetByCodePoint = new Map<number, string | null>();

/** The subset key holding a code point's glyph, or null when Noto Sans SC has none. */
export function subsetFor(codePoint: number): string | null {
  const known = subsetByCodePoint.get(codePoint);
  if (known !== undefined) return known;
  subsets ??= loadSubsets();
  let found: string | null = null;
  for (const subset of subsets) {
    if (subset.ranges.some(([low, high]) => codePoint >= low && codePoint <= high)) {
      found = subset.key;
      break;
    }
  }
  subsetByCodePoint.set(codePoint, found);
  return found;
}

export function subsetFile(key: string, weight: FontWeight): string {
  return join(filesDir, `noto-sans-sc-${key}-${weight}-normal.woff`);
}

export type TextRun = { key: string; text: string };

/**
 * Cuts text into runs that one subset can draw (spaces included: the CJK subsets do not all have
 * one). A character no subset covers becomes "?" rather than an invisible box.
 */
export function splitIntoRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0x3f;
    const last = runs[runs.length - 1];
    const key = subsetFor(codePoint);
    const drawn = key === null ? '?' : char;
    const runKey = key ?? 'latin';
    if (last && last.key === runKey) last.text += drawn;
    else runs.push({ key: runKey, text: drawn });
  }
  return runs;
}
