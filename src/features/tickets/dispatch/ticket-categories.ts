import type { TicketCategory } from '#src/features/tickets/sla/sla-matrix';

export interface CategoryName {
  readonly 'zh-CN': string;
  readonly en: string;
}

interface ChildCategory {
  /** `<top-level>.<child>`, so the parent is readable from the code alone. */
  readonly code: `${TicketCategory}.${string}`;
  readonly name: CategoryName;
}

interface TopLevelCategory {
  readonly code: TicketCategory;
  readonly name: CategoryName;
  readonly children: readonly ChildCategory[];
}

// Top-level codes are the SLA matrix's categories (sla-matrix.ts); children refine routing only.
export const TICKET_CATEGORY_TREE = [
  {
    code: 'network_signal',
    name: { 'zh-CN': '网络信号', en: 'Network signal' },
    children: [
      { code: 'network_signal.weak_coverage', name: { 'zh-CN': '弱覆盖', en: 'Weak coverage' } },
      { code: 'network_signal.no_signal', name: { 'zh-CN': '无信号', en: 'No signal' } },
      { code: 'network_signal.dropped_call', name: { 'zh-CN': '掉话', en: 'Dropped calls' } },
    ],
  },
  {
    code: 'broadband_fault',
    name: { 'zh-CN': '宽带故障', en: 'Broadband fault' },
    children: [
      { code: 'broadband_fault.outage', name: { 'zh-CN': '断网', en: 'Outage' } },
      { code: 'broadband_fault.slow', name: { 'zh-CN': '网速慢', en: 'Slow connection' } },
      { code: 'broadband_fault.optical_modem', name: { 'zh-CN': '光猫故障', en: 'Optical modem fault' } },
    ],
  },
  {
    code: 'billing_dispute',
    name: { 'zh-CN': '计费争议', en: 'Billing dispute' },
    children: [
      {
        code: 'billing_dispute.unexpected_deduction',
        name: { 'zh-CN': '不明扣费', en: 'Unexpected deduction' },
      },
      { code: 'billing_dispute.bill_amount', name: { 'zh-CN': '话费争议', en: 'Disputed bill amount' } },
      { code: 'billing_dispute.plan_fee', name: { 'zh-CN': '套餐费争议', en: 'Disputed plan fee' } },
    ],
  },
  {
    code: 'plan_change',
    name: { 'zh-CN': '套餐变更', en: 'Plan change' },
    children: [
      { code: 'plan_change.change', name: { 'zh-CN': '变更套餐', en: 'Change plan' } },
      { code: 'plan_change.cancel', name: { 'zh-CN': '取消套餐', en: 'Cancel plan' } },
    ],
  },
  {
    code: 'handset',
    name: { 'zh-CN': '终端', en: 'Handset' },
    children: [
      { code: 'handset.device_fault', name: { 'zh-CN': '终端故障', en: 'Device fault' } },
      { code: 'handset.warranty', name: { 'zh-CN': '保修', en: 'Warranty' } },
    ],
  },
  {
    code: 'value_added',
    name: { 'zh-CN': '增值业务', en: 'Value-added services' },
    children: [
      { code: 'value_added.unsubscribe', name: { 'zh-CN': '增值业务退订', en: 'Unsubscribe' } },
      {
        code: 'value_added.unauthorised_charge',
        name: { 'zh-CN': '乱收费', en: 'Unauthorised charge' },
      },
    ],
  },
  {
    code: 'other',
    name: { 'zh-CN': '其他', en: 'Other' },
    children: [
      { code: 'other.consultation', name: { 'zh-CN': '业务咨询', en: 'Consultation' } },
      { code: 'other.suggestion', name: { 'zh-CN': '意见建议', en: 'Suggestion' } },
      { code: 'other.service_attitude', name: { 'zh-CN': '服务态度', en: 'Service attitude' } },
    ],
  },
] as const satisfies readonly TopLevelCategory[];

export type ChildCategoryCode = (typeof TICKET_CATEGORY_TREE)[number]['children'][number]['code'];
/** A top-level category or one of its children. */
export type TicketCategoryCode = TicketCategory | ChildCategoryCode;

export interface CategoryEntry {
  readonly code: TicketCategoryCode;
  readonly name: CategoryName;
  readonly topLevel: TicketCategory;
  /** Null for a top-level category. */
  readonly parent: TicketCategory | null;
}

function indexCategories(): ReadonlyMap<string, CategoryEntry> {
  const entries = new Map<string, CategoryEntry>();
  for (const top of TICKET_CATEGORY_TREE) {
    entries.set(top.code, { code: top.code, name: top.name, topLevel: top.code, parent: null });
    for (const child of top.children) {
      entries.set(child.code, { code: child.code, name: child.name, topLevel: top.code, parent: top.code });
    }
  }
  return entries;
}

const CATEGORIES_BY_CODE = indexCategories();

/** Every code, top-level first then its children, in tree order. */
export const TICKET_CATEGORY_CODES: readonly TicketCategoryCode[] = [...CATEGORIES_BY_CODE.values()].map(
  (entry) => entry.code,
);

export function isTicketCategoryCode(code: string): code is TicketCategoryCode {
  return CATEGORIES_BY_CODE.has(code);
}

export function findCategory(code: string): CategoryEntry | undefined {
  return CATEGORIES_BY_CODE.get(code);
}

export function isTopLevelCategory(code: TicketCategoryCode): code is TicketCategory {
  return CATEGORIES_BY_CODE.get(code)?.parent === null;
}

/** The SLA category a code falls under: itself for a top-level code, its parent for a child. */
export function topLevelOf(code: TicketCategoryCode): TicketCategory {
  const entry = CATEGORIES_BY_CODE.get(code);
  if (!entry) throw new Error(`unknown ticket category: ${code}`);
  return entry.topLevel;
}
