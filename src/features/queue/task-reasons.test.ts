import { describe, expect, it } from 'vitest';
import { taskReasonsOf } from './task-reasons';

describe('taskReasonsOf', () => {
  it('keeps {code, params} pairs and drops what is not one', () => {
    expect(
      taskReasonsOf([
        { code: 'CONTRACT_EXPIRING', params: { daysLeft: 20, end: '2026-04-01', bad: { x: 1 } } },
        { code: 'NO_PARAMS' },
        { params: { a: 1 } },
        'text',
        null,
      ]),
    ).toEqual([
      { code: 'CONTRACT_EXPIRING', params: { daysLeft: 20, end: '2026-04-01' } },
      { code: 'NO_PARAMS', params: {} },
    ]);
    expect(taskReasonsOf({ code: 'not a list' })).toEqual([]);
  });
});
