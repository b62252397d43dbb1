import type { ComplaintStatus } from '#src/db/schema/enums';
import { FieldReader, type RejectedRow, type RowRules } from './field-reader';
import { parseDateTime } from './field-rules';
import type { FileColumn, HeaderIndex } from './header-check';
import { parseComplaintStatus, parseMsisdn } from './vocabularies';

/** docs/data-formats.md § complaints. */
export const COMPLAINT_COLUMNS: readonly FileColumn[] = [
  { name: 'complaint_no', required: true },
  { name: 'msisdn', required: true },
  { name: 'opened_at', required: true },
  { name: 'category', required: true },
  { name: 'status', required: true },
  { name: 'sla_due_at', required: false },
  { name: 'resolved_at', required: false },
  { name: 'description', required: false },
];

export type ComplaintRow = {
  complaintNo: string;
  msisdn: string;
  /** Instants as epoch milliseconds (UTC). */
  openedAt: number;
  category: string;
  status: ComplaintStatus;
  slaDueAt: number | null;
  resolvedAt: number | null;
  description: string | null;
};

const NONE = -1;

export function parseComplaintRow(
  cells: readonly string[],
  header: HeaderIndex,
  line: number,
  rules: RowRules,
): ComplaintRow | RejectedRow {
  const r = new FieldReader(cells, header, line);
  const dateTime = (text: string) => parseDateTime(text, rules.timeZone);
  const complaintNo = r.requiredText('complaint_no');
  const msisdn = r.required('msisdn', parseMsisdn, '');
  const openedAt = r.required('opened_at', dateTime, NONE);
  if (openedAt !== NONE && openedAt > rules.nowMs)
    r.fail('opened_at', r.text('opened_at'), 'is in the future');
  const category = r.requiredText('category');
  const status = r.required('status', parseComplaintStatus, 'open');
  const slaDueAt = r.optional('sla_due_at', dateTime, null);
  const resolvedAt = r.optional('resolved_at', dateTime, null);
  const resolvedText = r.text('resolved_at');
  if (resolvedAt !== null && openedAt !== NONE && resolvedAt < openedAt) {
    r.fail('resolved_at', resolvedText, `is before opened_at (${r.text('opened_at')})`);
  } else if (resolvedAt !== null && resolvedAt > rules.nowMs) {
    r.fail('resolved_at', resolvedText, 'is in the future');
  }
  if (resolvedText === '' && (status === 'resolved' || status === 'closed')) {
    r.fail('resolved_at', resolvedText, `is required when status is ${status}`);
  }
  return r.result({
    complaintNo,
    msisdn,
    openedAt,
    category,
    status,
    slaDueAt,
    resolvedAt,
    description: r.optionalText('description'),
  });
}
