import type { TFunction } from 'i18next';
import type { TicketCategory } from '../../api/types-service';

/** The ticket category tree's codes (src/features/tickets/dispatch/ticket-categories.ts), in tree order. */
export const CATEGORY_TREE: readonly { code: TicketCategory; children: readonly string[] }[] = [
  {
    code: 'network_signal',
    children: ['network_signal.weak_coverage', 'network_signal.no_signal', 'network_signal.dropped_call'],
  },
  {
    code: 'broadband_fault',
    children: ['broadband_fault.outage', 'broadband_fault.slow', 'broadband_fault.optical_modem'],
  },
  {
    code: 'billing_dispute',
    children: [
      'billing_dispute.unexpected_deduction',
      'billing_dispute.bill_amount',
      'billing_dispute.plan_fee',
    ],
  },
  { code: 'plan_change', children: ['plan_change.change', 'plan_change.cancel'] },
  { code: 'handset', children: ['handset.device_fault', 'handset.warranty'] },
  { code: 'value_added', children: ['value_added.unsubscribe', 'value_added.unauthorised_charge'] },
  { code: 'other', children: ['other.consultation', 'other.suggestion', 'other.service_attitude'] },
];

/** A category's name in the console's language; unknown codes (renamed since) show as themselves. */
export function categoryLabel(t: TFunction, code: string): string {
  // i18next splits keys on '.', so child codes are stored with '_'.
  return t(`service.categories.${code.replaceAll('.', '_')}`, { defaultValue: code });
}

/** Select options: each top-level category followed by its children, indented. */
export function categoryOptions(t: TFunction): { value: string; label: string }[] {
  return CATEGORY_TREE.flatMap((top) => [
    { value: top.code, label: categoryLabel(t, top.code) },
    ...top.children.map((child) => ({ value: child, label: `　${categoryLabel(t, child)}` })),
  ]);
}
