import { describe, expect, it } from 'vitest';
import { TICKET_CATEGORIES } from '#src/features/tickets/sla/sla-matrix';
import {
  findCategory,
  isTicketCategoryCode,
  isTopLevelCategory,
  TICKET_CATEGORY_CODES,
  TICKET_CATEGORY_TREE,
  topLevelOf,
} from './ticket-categories';

describe('ticket categories', () => {
  it('uses exactly the SLA matrix categories as its top level', () => {
    expect(TICKET_CATEGORY_TREE.map((top) => top.code)).toEqual([...TICKET_CATEGORIES]);
  });

  it('gives every top-level category 2 to 4 children, prefixed with the parent code', () => {
    for (const top of TICKET_CATEGORY_TREE) {
      expect(top.children.length).toBeGreaterThanOrEqual(2);
      expect(top.children.length).toBeLessThanOrEqual(4);
      for (const child of top.children) expect(child.code.startsWith(`${top.code}.`)).toBe(true);
    }
  });

  it('names every category in Chinese and English, with no code used twice', () => {
    expect(new Set(TICKET_CATEGORY_CODES).size).toBe(TICKET_CATEGORY_CODES.length);
    for (const code of TICKET_CATEGORY_CODES) {
      const name = findCategory(code)?.name;
      expect(name?.['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(name?.en).toMatch(/^[A-Z]/);
    }
  });

  it('maps a child to its parent and a top-level code to itself', () => {
    expect(topLevelOf('broadband_fault.optical_modem')).toBe('broadband_fault');
    expect(topLevelOf('network_signal.weak_coverage')).toBe('network_signal');
    expect(topLevelOf('plan_change')).toBe('plan_change');
    expect(isTopLevelCategory('plan_change')).toBe(true);
    expect(isTopLevelCategory('plan_change.cancel')).toBe(false);
  });

  it('rejects codes outside the tree', () => {
    expect(isTicketCategoryCode('network_signal.weak_coverage')).toBe(true);
    expect(isTicketCategoryCode('network')).toBe(false);
    expect(isTicketCategoryCode('network_signal.unknown')).toBe(false);
  });
});
