import languageCommon from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

// zxcvbn-ts ships the ~50,000 most common passwords from public breach corpora; a maintained list
// beats one we would curate by hand.
const COMMON_PASSWORDS = new Set<string>(languageCommon.dictionary['passwords-common'] as string[]);

/** Why a new password is refused, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isRepetition(lower)) {
    problems.push('is one of the most common passwords');
  }
  if (username && lower.includes(username.toLowerCase())) {
    problems.push('must not contain the username');
  }
  return problems;
}

/** "aaaaaaaaaa", "1212121212", "abcabcabcabc": a short unit repeated is as weak as the unit. */
function isRepetition(password: string): boolean {
  for (let unit = 1; unit <= 3; unit++) {
    const head = password.slice(0, unit);
    if (password.length >= unit * 2 && head.repeat(Math.ceil(password.length / unit)).startsWith(password)) {
      return true;
    }
  }
  return false;
}
