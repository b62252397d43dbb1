import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy';

const TOO_COMMON = 'is one of the most common passwords';

describe('passwordProblems', () => {
  it('accepts a long, uncommon password that does not contain the username', () => {
    expect(passwordProblems('vipdesk-demo', 'wang.fang')).toEqual([]);
    expect(passwordProblems('correct horse battery', 'agent1')).toEqual([]);
  });

  it('refuses passwords shorter than 10 characters and accepts exactly 10', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblems('k7#Rq2!vZ', 'wang.fang')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('k7#Rq2!vZx', 'wang.fang')).toEqual([]);
    expect(passwordProblems('', 'wang.fang')).toContain('must be at least 10 characters');
  });

  it('refuses passwords longer than the maximum', () => {
    const long = 'k7#Rq2!vZx'.repeat(13).slice(0, MAX_PASSWORD_LENGTH + 1);
    expect(long).toHaveLength(MAX_PASSWORD_LENGTH + 1);
    expect(passwordProblems(long, 'wang.fang')).toContain(
      `must be at most ${MAX_PASSWORD_LENGTH} characters`,
    );
    expect(passwordProblems(long.slice(0, MAX_PASSWORD_LENGTH), 'wang.fang')).toEqual([]);
  });

  it.each(['password123', 'qwertyuiop', '1234567890', 'iloveyou12'])(
    'refuses the common password %s',
    (pw) => {
      expect(passwordProblems(pw, 'wang.fang')).toEqual([TOO_COMMON]);
    },
  );

  it('compares with the common list case-insensitively', () => {
    expect(passwordProblems('PassWord123', 'wang.fang')).toEqual([TOO_COMMON]);
    expect(passwordProblems('QWERTYUIOP', 'wang.fang')).toEqual([TOO_COMMON]);
  });

  it.each([
    'zzzzzzzzzzzz', // one character repeated
    '7j7j7j7j7j7j', // two
    'q8xq8xq8xq8x', // three
    'q8xq8xq8xq8', // a repetition cut short is still one
  ])('refuses the repetition %s', (pw) => {
    expect(passwordProblems(pw, 'wang.fang')).toContain(TOO_COMMON);
  });

  it('does not take a password that merely starts with repeated characters for a repetition', () => {
    expect(passwordProblems('zzq8x-Rv2!kT', 'wang.fang')).toEqual([]);
  });

  it('refuses a password containing the username, in any case', () => {
    expect(passwordProblems('wang.fang-2026!', 'wang.fang')).toEqual(['must not contain the username']);
    expect(passwordProblems('xx-WANG.FANG-xx', 'wang.fang')).toEqual(['must not contain the username']);
    expect(passwordProblems('my-wang.fang', 'Wang.Fang')).toEqual(['must not contain the username']);
    // Without a username there is nothing to compare with.
    expect(passwordProblems('wang.fang-2026!', '')).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = passwordProblems('aaaaa', 'aa');
    expect(problems).toEqual(['must be at least 10 characters', TOO_COMMON, 'must not contain the username']);
  });
});
