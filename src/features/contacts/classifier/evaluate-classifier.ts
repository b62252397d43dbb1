// Measures the classifier on a labelled sample: accuracy, per-type precision/recall and the confusion
// matrix (rows = labelled type, columns = suggested type).
import { CONTACT_TYPES } from '#src/db/schema/enums';
import type { ClassifierRules, ContactType } from '#src/features/contacts/classifier/classifier-rules';
import { classifyContact } from '#src/features/contacts/classifier/classify-contact';
import type { LabelledNote } from '#src/features/contacts/classifier/labelled-sample';

export interface TypeMetrics {
  support: number;
  precision: number;
  recall: number;
}

export interface Misclassification {
  text: string;
  expected: ContactType;
  got: ContactType;
}

export interface ClassifierEvaluation {
  size: number;
  accuracy: number;
  perType: Record<ContactType, TypeMetrics>;
  confusion: Record<ContactType, Record<ContactType, number>>;
  errors: Misclassification[];
  /** Complaints labelled with a psychology tag, and how many got that tag suggested. */
  psychology: { labelled: number; correct: number };
}

function zeroRow(): Record<ContactType, number> {
  const row = {} as Record<ContactType, number>;
  for (const type of CONTACT_TYPES) row[type] = 0;
  return row;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function evaluateClassifier(
  sample: readonly LabelledNote[],
  rules: ClassifierRules,
): ClassifierEvaluation {
  const confusion = {} as Record<ContactType, Record<ContactType, number>>;
  for (const type of CONTACT_TYPES) confusion[type] = zeroRow();
  const errors: Misclassification[] = [];
  const psychology = { labelled: 0, correct: 0 };
  let correct = 0;
  for (const note of sample) {
    const result = classifyContact(note.text, rules);
    confusion[note.type][result.type] += 1;
    if (result.type === note.type) correct += 1;
    else errors.push({ text: note.text, expected: note.type, got: result.type });
    if (note.psychology) {
      psychology.labelled += 1;
      if (result.psychology?.tag === note.psychology) psychology.correct += 1;
    }
  }
  const perType = {} as Record<ContactType, TypeMetrics>;
  for (const type of CONTACT_TYPES) {
    let predicted = 0;
    for (const labelled of CONTACT_TYPES) predicted += confusion[labelled][type];
    let support = 0;
    for (const suggested of CONTACT_TYPES) support += confusion[type][suggested];
    const hits = confusion[type][type];
    perType[type] = { support, precision: ratio(hits, predicted), recall: ratio(hits, support) };
  }
  return {
    size: sample.length,
    accuracy: ratio(correct, sample.length),
    perType,
    confusion,
    errors,
    psychology,
  };
}

const SHORT: Record<ContactType, string> = {
  consultation: 'cons',
  suggestion: 'sugg',
  dissatisfaction: 'diss',
  complaint: 'comp',
  business: 'busi',
  harassment: 'hara',
};

export function formatEvaluation(title: string, evaluation: ClassifierEvaluation): string {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const lines = [`${title}: n=${evaluation.size} accuracy=${pct(evaluation.accuracy)}`];
  lines.push(
    `  ${'label\\got'.padEnd(16)}${CONTACT_TYPES.map((type) => SHORT[type].padStart(6)).join('')}   prec   rec`,
  );
  for (const type of CONTACT_TYPES) {
    const cells = CONTACT_TYPES.map((got) => String(evaluation.confusion[type][got]).padStart(6)).join('');
    const metrics = evaluation.perType[type];
    lines.push(
      `  ${type.padEnd(16)}${cells}  ${pct(metrics.precision).padStart(6)} ${pct(metrics.recall).padStart(6)}`,
    );
  }
  const { labelled, correct } = evaluation.psychology;
  lines.push(`  complaint psychology: ${correct}/${labelled} labelled complaints tagged correctly`);
  for (const error of evaluation.errors) lines.push(`  ✗ ${error.expected} → ${error.got}: ${error.text}`);
  return lines.join('\n');
}
