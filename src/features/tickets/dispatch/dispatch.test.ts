import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignWithinGroup, type GroupMember, routeTicket } from './dispatch';
import { DEFAULT_ROUTING_TABLE, parseRoutingTable } from './routing-table';

// One rule at every level, so each test removes the more specific ones to reach the next.
const LEVELS = [
  { category: 'network_signal.weak_coverage', city: '西安', district: '雁塔区', group: 'child+district' },
  { category: 'network_signal.weak_coverage', city: '西安', group: 'child+city' },
  { category: 'network_signal.weak_coverage', group: 'child' },
  { category: 'network_signal', city: '西安', district: '雁塔区', group: 'top+district' },
  { category: 'network_signal', city: '西安', group: 'top+city' },
  { category: 'network_signal', group: 'top' },
] as const;

const ticket = { category: 'network_signal.weak_coverage', city: '西安', district: '雁塔区' } as const;

describe('routeTicket', () => {
  it('picks the most specific matching rule at every level, then the default', () => {
    const expected = [...LEVELS.map((level) => level.group), 'default'];
    for (let skip = 0; skip <= LEVELS.length; skip++) {
      // Rules listed least specific first, so table order cannot be what decides.
      const table = parseRoutingTable({ defaultGroup: 'default', rules: LEVELS.slice(skip).toReversed() });
      expect(routeTicket(ticket, table).group).toBe(expected[skip]);
    }
  });

  it('reports which rule decided, and null for the default group', () => {
    const table = parseRoutingTable({ defaultGroup: 'default', rules: [...LEVELS] });
    expect(routeTicket(ticket, table)).toEqual({ group: 'child+district', rule: LEVELS[0], ruleIndex: 0 });
    expect(routeTicket({ category: 'handset' }, table)).toEqual({
      group: 'default',
      rule: null,
      ruleIndex: null,
    });
  });

  it('does not apply a rule for another city, district or sibling child', () => {
    const table = parseRoutingTable({ defaultGroup: 'default', rules: [...LEVELS] });
    expect(routeTicket({ ...ticket, district: '碑林区' }, table).group).toBe('child+city');
    expect(routeTicket({ ...ticket, city: '宝鸡', district: '雁塔区' }, table).group).toBe('child');
    expect(routeTicket({ ...ticket, category: 'network_signal.no_signal' }, table).group).toBe(
      'top+district',
    );
    expect(routeTicket({ category: 'network_signal' }, table).group).toBe('top');
  });

  it('sends network faults to the grid engineers of the ticket district by default', () => {
    expect(
      routeTicket(
        { category: 'broadband_fault.slow', city: '西安', district: '雁塔区' },
        DEFAULT_ROUTING_TABLE,
      ),
    ).toMatchObject({ group: '网格工程师（雁塔区）', ruleIndex: 1 });
    expect(routeTicket({ category: 'plan_change.cancel' }, DEFAULT_ROUTING_TABLE).group).toBe('在线客服');
    expect(routeTicket({ category: 'handset.warranty' }, DEFAULT_ROUTING_TABLE).group).toBe('终端专员');
    expect(routeTicket({ category: 'billing_dispute' }, DEFAULT_ROUTING_TABLE).group).toBe('计费核查组');
    expect(routeTicket({ category: 'other.suggestion' }, DEFAULT_ROUTING_TABLE).group).toBe('综合客服组');
  });

  it('passes over a templated rule when the ticket lacks the district it names', () => {
    const table = parseRoutingTable({
      defaultGroup: 'default',
      rules: [
        { category: 'network_signal.no_signal', group: '网格工程师（{district}）' },
        { category: 'network_signal', group: '网络投诉组' },
      ],
    });
    expect(routeTicket({ category: 'network_signal.no_signal', city: '西安' }, table)).toMatchObject({
      group: '网络投诉组',
      ruleIndex: 1,
    });
    expect(routeTicket({ category: 'network_signal.no_signal', district: '' }, table).group).toBe(
      '网络投诉组',
    );
    expect(
      routeTicket({ category: 'network_signal', city: '西安', district: null }, DEFAULT_ROUTING_TABLE).group,
    ).toBe('综合客服组');
  });
});

function member(userId: number, openTickets: number, overrides: Partial<GroupMember> = {}): GroupMember {
  return { userId, openTickets, active: true, onShift: true, ...overrides };
}

describe('assignWithinGroup', () => {
  it('gives the ticket to the member with the fewest open tickets', () => {
    expect(assignWithinGroup([member(1, 5), member(2, 2), member(3, 4)])?.userId).toBe(2);
  });

  it('breaks a load tie by fewer open tickets, then by the lowest userId', () => {
    // 2/4 and 1/2 are both half full: the member with fewer open tickets wins.
    expect(assignWithinGroup([member(1, 2, { capacity: 4 }), member(2, 1, { capacity: 2 })])?.userId).toBe(2);
    expect(assignWithinGroup([member(9, 3), member(4, 3), member(7, 3)])?.userId).toBe(4);
  });

  it('weighs open tickets against capacity', () => {
    expect(assignWithinGroup([member(1, 3, { capacity: 4 }), member(2, 4, { capacity: 20 })])?.userId).toBe(
      2,
    );
  });

  it('skips inactive, off-shift and full members', () => {
    const members = [
      member(1, 0, { active: false }),
      member(2, 0, { onShift: false }),
      member(3, 2, { capacity: 2 }),
      member(4, 9),
    ];
    expect(assignWithinGroup(members)?.userId).toBe(4);
    expect(assignWithinGroup(members, { defaultCapacity: 9 })).toBeNull();
  });

  it('returns null when nobody is available, so the ticket waits in the group queue', () => {
    expect(assignWithinGroup([])).toBeNull();
    expect(assignWithinGroup([member(1, 0, { onShift: false }), member(2, 0, { active: false })])).toBeNull();
  });

  it('always chooses a member with minimal load among those available, tie-broken deterministically', () => {
    const memberArb = fc.record({
      userId: fc.integer({ min: 1, max: 50 }),
      openTickets: fc.nat({ max: 30 }),
      active: fc.boolean(),
      onShift: fc.boolean(),
      capacity: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(memberArb, { selector: (m) => m.userId }),
        fc.integer({ min: 1, max: 25 }),
        (members, defaultCapacity) => {
          const capacityOf = (m: GroupMember) => m.capacity ?? defaultCapacity;
          const available = members.filter((m) => m.active && m.onShift && m.openTickets < capacityOf(m));
          const chosen = assignWithinGroup(members, { defaultCapacity });
          if (available.length === 0) {
            expect(chosen).toBeNull();
            return;
          }
          expect(chosen).not.toBeNull();
          if (!chosen) return;
          expect(available).toContain(chosen);
          for (const other of available) {
            const byLoad = chosen.openTickets * capacityOf(other) - other.openTickets * capacityOf(chosen);
            expect(byLoad).toBeLessThanOrEqual(0);
            if (byLoad === 0 && other !== chosen) {
              const wonTie =
                chosen.openTickets < other.openTickets ||
                (chosen.openTickets === other.openTickets && chosen.userId < other.userId);
              expect(wonTie).toBe(true);
            }
          }
        },
      ),
    );
  });
});
