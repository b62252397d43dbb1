// Suggests a contact type from an agent's free-text note. Transparent by design: the result lists every
// phrase that scored (and every phrase that was cancelled by a negation), so the agent can see why.
import { CONTACT_TYPES } from '#src/db/schema/enums';
import type {
  ClassifierRules,
  ComplaintPsychology,
  ContactType,
  KeywordRule,
} from '#src/features/contacts/classifier/classifier-rules';
import { COMPLAINT_PSYCHOLOGIES } from '#src/features/contacts/classifier/classifier-rules';
import { isLatinWordChar, normaliseNote } from '#src/features/contacts/classifier/normalise-note';

export interface KeywordMatch<T extends string> {
  type: T;
  /** The phrase as written in the rules. */
  phrase: string;
  weight: number;
  /** Position in `normalisedNote`. */
  index: number;
}

export interface NegatedMatch extends KeywordMatch<ContactType> {
  cue: string;
}

export interface PsychologySuggestion {
  tag: ComplaintPsychology;
  scores: Record<ComplaintPsychology, number>;
  matched: KeywordMatch<ComplaintPsychology>[];
}

export interface ContactClassification {
  type: ContactType;
  /** 0..1: the winner's share of all scored weight, shrunk when the winner's own score is small. */
  confidence: number;
  scores: Record<ContactType, number>;
  matched: KeywordMatch<ContactType>[];
  negated: NegatedMatch[];
  /** True when nothing matched and `type` is the rules' fallback (then `matched` is empty). */
  fallback: boolean;
  /** Only for complaints, and only when the words support a tag. */
  psychology: PsychologySuggestion | null;
  normalisedNote: string;
}

interface Candidate<T extends string> extends KeywordMatch<T> {
  length: number;
}

function findOccurrences(text: string, phrase: string): number[] {
  const found: number[] = [];
  if (phrase.length === 0) return found;
  const needsStartBoundary = isLatinWordChar(phrase[0]);
  let from = text.indexOf(phrase);
  while (from !== -1) {
    if (!needsStartBoundary || !isLatinWordChar(text[from - 1])) found.push(from);
    from = text.indexOf(phrase, from + 1);
  }
  return found;
}

/** Longest phrase wins where phrases overlap ("不满意" over "满意", "formal complaint" over "complaint"). */
function matchKeywords<T extends string>(
  text: string,
  keywordsByLabel: Record<T, KeywordRule[]>,
  labels: readonly T[],
): { accepted: Candidate<T>[]; covered: boolean[] } {
  const candidates: Candidate<T>[] = [];
  for (const label of labels) {
    for (const keyword of keywordsByLabel[label]) {
      const phrase = normaliseNote(keyword.phrase);
      for (const index of findOccurrences(text, phrase)) {
        candidates.push({
          type: label,
          phrase: keyword.phrase,
          weight: keyword.weight,
          index,
          length: phrase.length,
        });
      }
    }
  }
  candidates.sort((a, b) => b.length - a.length || b.weight - a.weight || a.index - b.index);
  const covered = new Array<boolean>(text.length).fill(false);
  const accepted: Candidate<T>[] = [];
  for (const candidate of candidates) {
    const span = covered.slice(candidate.index, candidate.index + candidate.length);
    if (span.some(Boolean)) continue;
    covered.fill(true, candidate.index, candidate.index + candidate.length);
    accepted.push(candidate);
  }
  accepted.sort((a, b) => a.index - b.index);
  return { accepted, covered };
}

function findNegationCue(
  text: string,
  matchIndex: number,
  covered: boolean[],
  rules: ClassifierRules,
): string | null {
  for (const cue of rules.negation.cues) {
    const phrase = normaliseNote(cue.phrase);
    const latinEnd = isLatinWordChar(phrase[phrase.length - 1]);
    for (const start of findOccurrences(text, phrase)) {
      const end = start + phrase.length;
      if (end > matchIndex || matchIndex - end > cue.maxGap) continue;
      if (covered[start]) continue; // the cue is itself part of a matched keyword
      if (latinEnd && isLatinWordChar(text[end])) continue; // "no" inside "now"
      if (text.slice(end, matchIndex).includes(',')) continue; // never across a clause break
      return cue.phrase;
    }
  }
  return null;
}

function emptyScores<T extends string>(labels: readonly T[]): Record<T, number> {
  const scores = {} as Record<T, number>;
  for (const label of labels) scores[label] = 0;
  return scores;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function suggestPsychology(text: string, rules: ClassifierRules): PsychologySuggestion | null {
  const { accepted } = matchKeywords(text, rules.psychology.keywords, COMPLAINT_PSYCHOLOGIES);
  const scores = emptyScores(COMPLAINT_PSYCHOLOGIES);
  for (const match of accepted) scores[match.type] = round2(scores[match.type] + match.weight);
  let best: ComplaintPsychology | null = null;
  for (const tag of COMPLAINT_PSYCHOLOGIES) {
    if (scores[tag] < rules.psychology.minScore) continue;
    if (best === null || scores[tag] > scores[best]) best = tag;
  }
  if (best === null) return null;
  return { tag: best, scores, matched: accepted.map(({ length: _length, ...match }) => match) };
}

export function classifyContact(note: string, rules: ClassifierRules): ContactClassification {
  const normalisedNote = normaliseNote(note);
  const { accepted, covered } = matchKeywords(normalisedNote, rules.keywords, CONTACT_TYPES);
  const scores = emptyScores(CONTACT_TYPES);
  const matched: KeywordMatch<ContactType>[] = [];
  const negated: NegatedMatch[] = [];
  for (const { length: _length, ...match } of accepted) {
    const cue = rules.negation.appliesTo.includes(match.type)
      ? findNegationCue(normalisedNote, match.index, covered, rules)
      : null;
    if (cue !== null) {
      negated.push({ ...match, cue });
      continue;
    }
    matched.push(match);
    scores[match.type] = round2(scores[match.type] + match.weight);
  }

  if (matched.length === 0) {
    return {
      type: rules.fallback.type,
      confidence: rules.fallback.confidence,
      scores,
      matched,
      negated,
      fallback: true,
      psychology: null,
      normalisedNote,
    };
  }

  let type = rules.priority[0] ?? rules.fallback.type;
  for (const candidate of rules.priority) {
    if (scores[candidate] > scores[type]) type = candidate;
  }
  let total = 0;
  for (const candidate of CONTACT_TYPES) total += scores[candidate];
  const share = scores[type] / total;
  const support = Math.min(1, scores[type] / rules.confidentScore);
  return {
    type,
    confidence: round2(share * support),
    scores,
    matched,
    negated,
    fallback: false,
    psychology: type === 'complaint' ? suggestPsychology(normalisedNote, rules) : null,
    normalisedNote,
  };
}
