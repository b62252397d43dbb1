import { LOCALES } from '#src/features/scoring/scores/scores.schemas';
import { type ForbiddenPhraseCode, forbiddenPhrasesFor } from './forbidden-phrases';
import { type Locale, type ScriptDraft, scriptTexts } from './script-content';

/** One forbidden phrase found in a text; index/end are UTF-16 offsets into the text as written. */
export type PhraseFinding = {
  code: ForbiddenPhraseCode;
  locale: Locale;
  phrase: string;
  /** The words as written, punctuation and spaces included. */
  match: string;
  index: number;
  end: number;
  suggestion: string;
};

export type ScriptPhraseFinding = PhraseFinding & { section: string };

// What ends a sentence: a forbidden phrase is looked for within one sentence, not across two.
const SENTENCE_END = new Set(['。', '.', '!', '?', ';', '\n', '\r']);
// An ellipsis trails off inside a sentence ("你必须……"); NFKC would turn it into three full stops.
const ELLIPSIS = new Set(['…', '⋯', '‥']);
const APOSTROPHES = /['‘’`´]/u;
const SEPARATOR = /[\s\p{P}\p{S}]/u;

type Normalised = { text: string; start: number[]; end: number[] };

/**
 * The text as the patterns see it, with a map back to where each character came from. Full-width
 * forms become their plain forms (NFKC), letters lower case; sentence ends become `\n`; spaces and
 * other punctuation vanish (Chinese) or shrink to one space (English). So "你 必须", "你，必须" and
 * "YOU  MUST" are caught, while "给你。必须" is two sentences and is not.
 */
function normalise(text: string, locale: Locale): Normalised {
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const emit = (value: string, from: number, to: number) => {
    for (const ch of value) {
      out.push(ch);
      start.push(from);
      end.push(to);
    }
  };
  let offset = 0;
  for (const raw of text) {
    const from = offset;
    offset += raw.length;
    const plain = ELLIPSIS.has(raw) ? ' ' : raw.normalize('NFKC').toLowerCase();
    for (const ch of plain) {
      if (SENTENCE_END.has(ch)) {
        if (out[out.length - 1] !== '\n') emit('\n', from, offset);
      } else if (locale === 'en' && APOSTROPHES.test(ch)) {
        emit("'", from, offset);
      } else if (SEPARATOR.test(ch)) {
        // English words need a space between them; one is enough, and none after a sentence end.
        const last = out[out.length - 1];
        if (locale === 'en' && last !== undefined && last !== ' ' && last !== '\n') emit(' ', from, offset);
      } else {
        emit(ch, from, offset);
      }
    }
  }
  return { text: out.join(''), start, end };
}

/**
 * Forbidden phrases in a text, in reading order. Without a locale both lists are checked (a call
 * note may mix languages). A finding inside a longer one (the "you must" of "you must give me your
 * ID before I can…") is left out: one problem, one finding.
 */
export function lintText(text: string, locale?: Locale): PhraseFinding[] {
  const locales = locale ? [locale] : [...LOCALES];
  const found: PhraseFinding[] = [];
  for (const lang of locales) {
    const normalised = normalise(text, lang);
    for (const entry of forbiddenPhrasesFor(lang)) {
      const pattern = new RegExp(entry.pattern.source, 'gu');
      for (const match of normalised.text.matchAll(pattern)) {
        const first = match.index;
        const last = first + match[0].length - 1;
        const index = normalised.start[first];
        const end = normalised.end[last];
        if (index === undefined || end === undefined) continue;
        found.push({
          code: entry.code,
          locale: lang,
          phrase: entry.phrase,
          match: text.slice(index, end),
          index,
          end,
          suggestion: entry.suggestion,
        });
      }
    }
  }
  return withoutNested(found);
}

function withoutNested(findings: PhraseFinding[]): PhraseFinding[] {
  const ordered = [...findings].sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: PhraseFinding[] = [];
  for (const finding of ordered) {
    const inside = kept.some((k) => k.index <= finding.index && finding.end <= k.end);
    if (!inside) kept.push(finding);
  }
  return kept;
}

/** Forbidden phrases in every section of a script (or draft), each in its section's language. */
export function lintScript(content: ScriptDraft): ScriptPhraseFinding[] {
  return scriptTexts(content).flatMap(({ locale, section, text }) =>
    lintText(text, locale).map((finding) => ({ ...finding, section })),
  );
}
