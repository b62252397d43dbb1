import type { KeywordMatch } from '../../api/types-tickets';

export type HighlightRange = { start: number; end: number; match: KeywordMatch; psychology: boolean };

/**
 * The note folded the way the classifier reads it (NFKC: full-width → half-width, lower case), with each
 * folded character's position in the note as written, so a match found in the folded text marks the
 * agent's own characters.
 */
function fold(note: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of note) {
    const folded = char.normalize('NFKC').toLowerCase();
    for (let i = 0; i < folded.length; i += 1) origin.push(index);
    text += folded;
    index += char.length;
  }
  origin.push(index);
  return { text, origin };
}

/**
 * Where the matched phrases sit in the note as typed. Longer phrases win where two overlap (as in the
 * classifier: "不满意" over "满意"); phrases the note no longer contains (it changed since) are skipped.
 */
export function highlightMatches(
  note: string,
  matched: readonly KeywordMatch[],
  psychology: readonly KeywordMatch[] = [],
): HighlightRange[] {
  const { text, origin } = fold(note);
  const candidates = [
    ...matched.map((match) => ({ match, psychology: false })),
    ...psychology.map((match) => ({ match, psychology: true })),
  ]
    .map((c) => ({ ...c, phrase: c.match.phrase.normalize('NFKC').toLowerCase().trim() }))
    .filter((c) => c.phrase.length > 0)
    .sort((a, b) => b.phrase.length - a.phrase.length);

  const taken: HighlightRange[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = `${candidate.psychology}:${candidate.phrase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let from = text.indexOf(candidate.phrase);
    while (from !== -1) {
      const start = origin[from] ?? 0;
      const end = origin[from + candidate.phrase.length] ?? note.length;
      if (!taken.some((r) => start < r.end && end > r.start)) {
        taken.push({ start, end, match: candidate.match, psychology: candidate.psychology });
      }
      from = text.indexOf(candidate.phrase, from + 1);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}
