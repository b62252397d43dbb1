// One normal form for notes and for rule phrases, so that an analyst can write a phrase the way agents
// type it (full-width or half-width, any case, any punctuation) and it still matches.

const CLAUSE_PUNCTUATION = /[。、;:!?…,;:!?\n\r]/g;
// A full stop ends a clause, except inside a number such as 3.2 or 2027.03.
const CLAUSE_FULL_STOP = /(?<!\d)\.|\.(?!\d)/g;
// Kept: the clause separator, apostrophes (don't), decimal points left by the step above and the mask
// character of 138****1234.
const OTHER_PUNCTUATION = /[^\P{P}',.*]|\p{S}/gu;

/** NFKC (full-width → half-width), lower case, clause punctuation → ",", other punctuation → space. */
export function normaliseNote(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(CLAUSE_PUNCTUATION, ',')
    .replace(CLAUSE_FULL_STOP, ',')
    .replace(OTHER_PUNCTUATION, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ?, ?/g, ',')
    .replace(/,+/g, ',')
    .replace(/^[ ,]+|[ ,]+$/g, '');
}

/** Latin phrases match at a word start (so "complain" also matches "complained"); CJK ones anywhere. */
export function isLatinWordChar(char: string | undefined): boolean {
  return char !== undefined && /[a-z0-9]/.test(char);
}
