import { z } from 'zod';
import { isTicketCategoryCode, type TicketCategoryCode } from './ticket-categories';

/** Placeholders a group name may use; filled from the ticket (`网格工程师（{district}）`). */
export const GROUP_PLACEHOLDERS = ['city', 'district'] as const;
export type GroupPlaceholder = (typeof GROUP_PLACEHOLDERS)[number];

const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

function placeholdersIn(group: string): string[] {
  return [...group.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '');
}

function isGroupPlaceholder(name: string): name is GroupPlaceholder {
  return GROUP_PLACEHOLDERS.some((placeholder) => placeholder === name);
}

const groupName = z
  .string()
  .trim()
  .min(1)
  .superRefine((group, ctx) => {
    for (const name of placeholdersIn(group)) {
      if (!isGroupPlaceholder(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${name}}; use ${GROUP_PLACEHOLDERS.map((p) => `{${p}}`).join(' or ')}`,
        });
      }
    }
  });

const categoryCode = z.string().refine(isTicketCategoryCode, {
  error: (issue) => `unknown ticket category: ${String(issue.input)}`,
});

export const routingRuleSchema = z
  .strictObject({
    /** A top-level category matches its children too; a child matches only itself. */
    category: categoryCode,
    city: z.string().trim().min(1).optional(),
    /** Needs a city: district names repeat across cities (朝阳区 is in Beijing and Changchun). */
    district: z.string().trim().min(1).optional(),
    group: groupName,
    /** Free text for analysts: why the rule exists. */
    note: z.string().optional(),
  })
  .refine((rule) => rule.district === undefined || rule.city !== undefined, {
    error: 'a district rule needs its city',
    path: ['city'],
  });

function ruleKey(rule: {
  category: string;
  city?: string | undefined;
  district?: string | undefined;
}): string {
  return JSON.stringify([rule.category, rule.city ?? null, rule.district ?? null]);
}

export const routingTableSchema = z
  .strictObject({
    /** Where a ticket goes when no rule matches. Required: every ticket must land somewhere. */
    defaultGroup: groupName.refine((group) => placeholdersIn(group).length === 0, {
      error: 'the default group cannot use placeholders: an unmatched ticket may lack a city or district',
    }),
    rules: z.array(routingRuleSchema).default([]),
  })
  .superRefine((table, ctx) => {
    const firstIndexByKey = new Map<string, number>();
    table.rules.forEach((rule, index) => {
      const key = ruleKey(rule);
      const first = firstIndexByKey.get(key);
      if (first === undefined) {
        firstIndexByKey.set(key, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        message: `duplicates rules.${first} (same category, city and district)`,
        path: ['rules', index],
      });
    });
  });

export type RoutingRule = Omit<z.output<typeof routingRuleSchema>, 'category'> & {
  readonly category: TicketCategoryCode;
};
export interface RoutingTable {
  readonly defaultGroup: string;
  readonly rules: readonly RoutingRule[];
}
export type RoutingTableInput = z.input<typeof routingTableSchema>;

export class RoutingTableError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid routing table: ${problems.join('; ')}`);
    this.name = 'RoutingTableError';
  }
}

/** Parses an analyst-edited table; every problem is reported with its path (`rules.2.category: …`). */
export function parseRoutingTable(input: unknown): RoutingTable {
  const result = routingTableSchema.safeParse(input);
  if (!result.success) {
    throw new RoutingTableError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const rules: RoutingRule[] = [];
  for (const rule of result.data.rules) {
    // Already refined; the guard narrows the string to a category code for the type system.
    if (isTicketCategoryCode(rule.category)) rules.push({ ...rule, category: rule.category });
  }
  return { defaultGroup: result.data.defaultGroup, rules };
}

const GRID_ENGINEERS = '网格工程师（{district}）';

/**
 * DOMAIN §10 auto-dispatch: network faults to the area's grid engineers, plan changes to online service,
 * handsets to terminal specialists, charges to the billing desk. A network ticket without a district
 * cannot name its grid, so it falls through to the default group.
 */
export const DEFAULT_ROUTING_TABLE: RoutingTable = parseRoutingTable({
  defaultGroup: '综合客服组',
  rules: [
    { category: 'network_signal', group: GRID_ENGINEERS },
    { category: 'broadband_fault', group: GRID_ENGINEERS },
    { category: 'plan_change', group: '在线客服' },
    { category: 'handset', group: '终端专员' },
    { category: 'billing_dispute', group: '计费核查组' },
    { category: 'value_added', group: '计费核查组' },
  ],
} satisfies RoutingTableInput);
