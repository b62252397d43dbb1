import type { SegmentRule } from '../../api/types-supervision';
import { fieldSpec, type SegmentOp, type SegmentValueKind } from './segmentFields';

/** One row of the rule builder while it is being edited; `value` is in the API's units (fen, share). */
export type RuleDraft = { key: number; field: string | null; op: SegmentOp | null; value: unknown };

let nextKey = 1;
export function newRuleKey(): number {
  nextKey += 1;
  return nextKey;
}

export function emptyRule(): RuleDraft {
  return { key: newRuleKey(), field: null, op: null, value: undefined };
}

/** A rule as stored on a campaign, back into a row. */
export function draftFromRule(rule: SegmentRule): RuleDraft {
  const spec = fieldSpec(rule.field);
  const op = spec?.ops.find((candidate) => candidate === rule.op) ?? null;
  return { key: newRuleKey(), field: rule.field, op, value: rule.value };
}

/** Choosing a field resets the operator to its first one and clears the value. */
export function withField(draft: RuleDraft, field: string): RuleDraft {
  const spec = fieldSpec(field);
  return { ...draft, field, op: spec?.ops[0] ?? null, value: undefined };
}

/** Switching between one value and a list keeps what still fits. */
export function withOp(draft: RuleDraft, op: SegmentOp): RuleDraft {
  const wasList = Array.isArray(draft.value);
  const wantsList = op === 'in' || op === 'contains_any';
  if (wasList === wantsList) return { ...draft, op };
  if (wantsList) return { ...draft, op, value: draft.value === undefined ? undefined : [draft.value] };
  const first: unknown = Array.isArray(draft.value) ? draft.value[0] : undefined;
  return { ...draft, op, value: first };
}

function valueFits(kind: SegmentValueKind, op: SegmentOp, value: unknown): boolean {
  const isList = op === 'in' || op === 'contains_any';
  if (isList) {
    if (!Array.isArray(value) || value.length === 0) return false;
    return value.every((item) => typeof item === 'string' && item.trim() !== '');
  }
  switch (kind.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= kind.min && value <= kind.max;
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
    case 'codes':
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** Whether a row is a rule the server would accept (field, allowed operator, a value of the right kind). */
export function isComplete(draft: RuleDraft): boolean {
  if (draft.field === null || draft.op === null) return false;
  const spec = fieldSpec(draft.field);
  if (!spec?.ops.includes(draft.op)) return false;
  return valueFits(spec.kind, draft.op, draft.value);
}

export function toRule(draft: RuleDraft): SegmentRule {
  return { field: draft.field ?? '', op: draft.op ?? '', value: draft.value };
}

/** The rules the live count can use: complete rows only, so a half-typed row does not blank the count. */
export function completeRules(drafts: readonly RuleDraft[]): SegmentRule[] {
  return drafts.filter(isComplete).map(toRule);
}
