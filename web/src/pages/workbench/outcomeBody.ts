import type { Dayjs } from 'dayjs';
import { TAG_FIELDS } from '../../api/types-360';
import type { ComplaintPsychology } from '../../api/types-tickets';
import type {
  AgentTags,
  ComplaintOutcome,
  Disposition,
  OutcomeBody,
  RefusalReason,
  TagInput,
} from '../../api/types-workbench';

/** What the disposition form holds; only the fields of the chosen disposition are sent. */
export type DispositionValues = {
  disposition?: Disposition;
  callbackAt?: Dayjs | null;
  reason?: RefusalReason;
  reasonNote?: string;
  offerCode?: string;
  summary?: string;
  /** The complaint's ticket and four-part analysis (complaint disposition). */
  complaint?: ComplaintValues;
  /** Open a ticket with the complaint's analysis (on by default). */
  complaintTicket?: boolean;
  dncConfirm?: boolean;
  notes?: string;
  tags?: Partial<TagInput>;
};

export type ComplaintValues = {
  category?: string;
  title?: string;
  emotion?: string;
  fact?: string;
  opinion?: string;
  claim?: string;
  complaintPsychology?: ComplaintPsychology | null;
};

const trimmed = (text: string | undefined): string | undefined => {
  const value = text?.trim();
  return value ? value : undefined;
};

/** The complaint sub-form as the API wants it; null until category, title, fact and claim are all there. */
export function complaintOutcome(values: ComplaintValues | undefined): ComplaintOutcome | null {
  const category = values?.category;
  const title = trimmed(values?.title);
  const fact = trimmed(values?.fact);
  const claim = trimmed(values?.claim);
  if (!category || !title || !fact || !claim) return null;
  const emotion = trimmed(values?.emotion);
  const opinion = trimmed(values?.opinion);
  return {
    category,
    title,
    fact,
    claim,
    ...(emotion ? { emotion } : {}),
    ...(opinion ? { opinion } : {}),
    ...(values?.complaintPsychology ? { complaintPsychology: values.complaintPsychology } : {}),
  };
}

/** The tags to send: all six when any differs from what is stored, otherwise none. */
export function changedTags(edited: Partial<TagInput> | undefined, stored: AgentTags): TagInput | undefined {
  if (!edited) return undefined;
  const next = Object.fromEntries(
    TAG_FIELDS.map((field) => [field, field in edited ? (edited[field] ?? null) : stored[field]]),
  ) as TagInput;
  return TAG_FIELDS.some((field) => next[field] !== stored[field]) ? next : undefined;
}

/**
 * The POST /tasks/{id}/outcome body for the form's values: the disposition's own fields, notes,
 * handle seconds (from Dial) and changed tags. Returns null while no disposition is chosen.
 */
export function buildOutcomeBody(
  values: DispositionValues,
  handleSeconds: number | null,
  tags: TagInput | undefined,
): OutcomeBody | null {
  const common = {
    ...(trimmed(values.notes) ? { notes: trimmed(values.notes) } : {}),
    ...(handleSeconds !== null ? { handleSeconds: Math.min(handleSeconds, 4 * 3600) } : {}),
    ...(tags ? { tags } : {}),
  };
  switch (values.disposition) {
    case 'not_reached':
    case 'wrong_number':
    case 'do_not_call':
      return { disposition: values.disposition, ...common };
    case 'call_back':
      if (!values.callbackAt) return null;
      return { disposition: 'call_back', callbackAt: values.callbackAt.format(), ...common };
    case 'refused': {
      if (!values.reason) return null;
      const note = trimmed(values.reasonNote);
      return { disposition: 'refused', reason: values.reason, ...(note ? { note } : {}), ...common };
    }
    case 'accepted':
      if (!values.offerCode) return null;
      return { disposition: 'accepted', offerCode: values.offerCode, ...common };
    case 'complaint': {
      const summary = trimmed(values.summary);
      if (!summary) return null;
      const complaint = values.complaintTicket === false ? null : complaintOutcome(values.complaint);
      return { disposition: 'complaint', summary, ...(complaint ? { complaint } : {}), ...common };
    }
    default:
      return null;
  }
}
