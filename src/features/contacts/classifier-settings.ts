import type { Database } from '#src/db/client';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import {
  type ClassifierRules,
  DEFAULT_CLASSIFIER_RULES,
  parseClassifierRules,
} from '#src/features/contacts/classifier/classifier-rules';
import { evaluateClassifier } from '#src/features/contacts/classifier/evaluate-classifier';
import { LABELLED_SAMPLE, type LabelledNote } from '#src/features/contacts/classifier/labelled-sample';
import {
  currentServiceSettings,
  type ServiceSettingsInForce,
  type SettingsDefinition,
  saveServiceSettings,
} from '#src/features/service-settings/service-settings.service';

/** The contact classifier's rules as a versioned service-settings document (version 0 = built-in). */
export const CLASSIFIER_SETTINGS: SettingsDefinition<ClassifierRules> = {
  kind: 'classifier',
  parse: parseClassifierRules,
  defaults: DEFAULT_CLASSIFIER_RULES,
};

/** Read on every classify call, so an analyst's save takes effect for the very next note. */
export function currentClassifierRules(db: Database): Promise<ServiceSettingsInForce<ClassifierRules>> {
  return currentServiceSettings(db, CLASSIFIER_SETTINGS);
}

/** Saves an already validated rules document as the next version (409 on a concurrent save), audited. */
export async function saveClassifierRules(
  db: Database,
  actor: Actor,
  rules: ClassifierRules,
  note: string | null,
): Promise<ServiceSettingsInForce<ClassifierRules>> {
  return db.transaction(async (tx) => {
    const saved = await saveServiceSettings(tx, CLASSIFIER_SETTINGS, rules, {
      note,
      createdBy: actor.userId,
    });
    await auditActor(tx, actor, {
      action: 'classifier.settings',
      target: `version ${saved.version}`,
      reason: note,
    });
    return saved;
  });
}

type SplitAccuracy = { size: number; accuracy: number };

export type SampleEvaluation = {
  overall: SplitAccuracy;
  tune: SplitAccuracy;
  heldout: SplitAccuracy;
  perType: ReturnType<typeof evaluateClassifier>['perType'];
  confusion: ReturnType<typeof evaluateClassifier>['confusion'];
  psychology: { labelled: number; correct: number };
  misclassifications: (Pick<LabelledNote, 'text' | 'lang' | 'split'> & {
    expected: LabelledNote['type'];
    got: LabelledNote['type'];
  })[];
};

/**
 * The rules measured on the shipped labelled sample. The held-out part was never looked at while the
 * built-in rules were tuned, so its accuracy is the honest estimate; the tuned part shows overfitting
 * when it is much higher.
 */
export function evaluateOnLabelledSample(
  rules: ClassifierRules,
  sample: readonly LabelledNote[] = LABELLED_SAMPLE,
): SampleEvaluation {
  const all = evaluateClassifier(sample, rules);
  const tune = evaluateClassifier(
    sample.filter((note) => note.split === 'tune'),
    rules,
  );
  const heldout = evaluateClassifier(
    sample.filter((note) => note.split === 'heldout'),
    rules,
  );
  const noteByText = new Map(sample.map((note) => [note.text, note]));
  const misclassifications: SampleEvaluation['misclassifications'] = [];
  for (const error of all.errors) {
    const note = noteByText.get(error.text);
    if (!note) continue; // every error comes from the sample
    misclassifications.push({ ...error, lang: note.lang, split: note.split });
  }
  return {
    overall: { size: all.size, accuracy: all.accuracy },
    tune: { size: tune.size, accuracy: tune.accuracy },
    heldout: { size: heldout.size, accuracy: heldout.accuracy },
    perType: all.perType,
    confusion: all.confusion,
    psychology: all.psychology,
    misclassifications,
  };
}

/** The evaluation of the rules in force, with their version. */
export async function evaluateRulesInForce(
  db: Database,
): Promise<SampleEvaluation & { rulesVersion: number }> {
  const rules = await currentClassifierRules(db);
  return { rulesVersion: rules.version, ...evaluateOnLabelledSample(rules.document) };
}
