import { describe, expect, it } from 'vitest';
import { CONTACT_TYPES } from '#src/db/schema/enums';
import {
  type ClassifierRules,
  ClassifierRulesError,
  DEFAULT_CLASSIFIER_RULES,
  parseClassifierRules,
} from '#src/features/contacts/classifier/classifier-rules';
import { classifyContact } from '#src/features/contacts/classifier/classify-contact';
import { evaluateClassifier, formatEvaluation } from '#src/features/contacts/classifier/evaluate-classifier';
import { LABELLED_SAMPLE } from '#src/features/contacts/classifier/labelled-sample';
import { normaliseNote } from '#src/features/contacts/classifier/normalise-note';

const rules = DEFAULT_CLASSIFIER_RULES;

describe('normaliseNote', () => {
  it('folds full-width characters, case, whitespace and punctuation', () => {
    expect(normaliseNote('  ＣＵＳＴＯＭＥＲ　要求投诉！！打１２３００。 ')).toBe(
      'customer 要求投诉,打12300',
    );
    expect(normaliseNote('Not   a  "complaint";  just asking…')).toBe('not a complaint,just asking');
  });

  it('keeps decimals, masked numbers and apostrophes', () => {
    expect(normaliseNote('剩余３.２Ｇ，138****1234 don’t call')).toBe("剩余3.2g,138****1234 don't call");
  });
});

describe('classifyContact', () => {
  it('matches full-width text the same way as half-width text', () => {
    const wide = classifyContact('客户说再不解决就打１２３００投诉', rules);
    const narrow = classifyContact('客户说再不解决就打12300投诉', rules);
    expect(wide.type).toBe('complaint');
    expect(wide.matched).toEqual(narrow.matched);
  });

  it('says which words led to the suggestion, with weights that add up to the score', () => {
    const result = classifyContact('客户要求投诉,已经打了工信部电话', rules);
    expect(result.type).toBe('complaint');
    expect(result.matched.map((match) => match.phrase)).toEqual(['要求投诉', '工信部']);
    for (const match of result.matched) {
      expect(result.normalisedNote.slice(match.index)).toMatch(new RegExp(`^${normaliseNote(match.phrase)}`));
    }
    const complaintWeight = result.matched.reduce((sum, match) => sum + match.weight, 0);
    expect(result.scores.complaint).toBe(complaintWeight);
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it('counts the longest overlapping phrase only once', () => {
    const result = classifyContact('客户对资费不满意', rules);
    expect(result.matched.map((match) => match.phrase)).toEqual(['不满意']);
  });

  it('drops a negated complaint word and says which cue negated it', () => {
    const zh = classifyContact('客户说不是投诉,就想问下这笔费用是什么', rules);
    expect(zh.type).toBe('consultation');
    expect(zh.scores.complaint).toBe(0);
    expect(zh.negated).toEqual([expect.objectContaining({ type: 'complaint', phrase: '投诉', cue: '不是' })]);

    const en = classifyContact("It's not a complaint, she only asked what the charge is", rules);
    expect(en.type).toBe('consultation');
    expect(en.negated.map((match) => match.cue)).toEqual(['not']);
  });

  it('does not carry a negation across a clause break or out of another word', () => {
    expect(classifyContact('不是第一次了,客户要投诉', rules).type).toBe('complaint');
    expect(classifyContact('Customer now wants a complaint ticket', rules).negated).toEqual([]);
  });

  it('falls back to a low-confidence consultation with no matches when no rule fires', () => {
    const result = classifyContact('已回电,客户不在', rules);
    expect(result).toMatchObject({ type: 'consultation', confidence: 0.1, fallback: true, matched: [] });
  });

  it('breaks ties by the priority order in the rules', () => {
    const tied: ClassifierRules = parseClassifierRules({
      ...rules,
      keywords: {
        ...rules.keywords,
        complaint: [{ phrase: 'alpha', weight: 2 }],
        business: [{ phrase: 'beta', weight: 2 }],
      },
    });
    expect(classifyContact('alpha beta', tied).type).toBe('complaint');
    const businessFirst = parseClassifierRules({
      ...tied,
      priority: ['business', 'complaint', 'harassment', 'dissatisfaction', 'suggestion', 'consultation'],
    });
    expect(classifyContact('alpha beta', businessFirst).type).toBe('business');
  });

  it('suggests a complaint psychology only for complaints the words support', () => {
    expect(classifyContact('客户投诉被乱扣费,要求退费并赔偿', rules).psychology?.tag).toBe(
      'compensation_seeking',
    );
    expect(
      classifyContact('Angry customer, rude staff, wants an apology: formal complaint', rules).psychology
        ?.tag,
    ).toBe('respect_seeking');
    expect(classifyContact('客户要求投诉宽带故障', rules).psychology).toBeNull();
    expect(classifyContact('客户建议增加补偿方案', rules).psychology).toBeNull();
  });
});

describe('parseClassifierRules', () => {
  it('names the path of every problem in an edited document', () => {
    const broken = {
      ...rules,
      keywords: {
        ...rules.keywords,
        complaint: [{ phrase: '投诉', weight: -1 }],
        suggestion: [{ phrase: '骚扰', weight: 1 }],
      },
      priority: ['complaint', 'complaint', 'business', 'dissatisfaction', 'suggestion', 'consultation'],
    };
    const error = (() => {
      try {
        parseClassifierRules(broken);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ClassifierRulesError);
    const paths = error instanceof ClassifierRulesError ? error.issues.map((issue) => issue.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining(['keywords.complaint.0.weight', 'priority.1', 'keywords.harassment.0.phrase']),
    );
  });

  it('rejects a document that leaves out a contact type', () => {
    const { harassment: _dropped, ...keywords } = rules.keywords;
    expect(() => parseClassifierRules({ ...rules, keywords })).toThrow(/keywords\.harassment/);
  });
});

describe('accuracy on the labelled sample', () => {
  const tune = LABELLED_SAMPLE.filter((note) => note.split === 'tune');
  const heldout = LABELLED_SAMPLE.filter((note) => note.split === 'heldout');

  it('covers every type in both languages, with about 30% held out', () => {
    for (const type of CONTACT_TYPES) {
      const ofType = LABELLED_SAMPLE.filter((note) => note.type === type);
      expect(ofType.filter((note) => note.lang === 'zh').length).toBeGreaterThanOrEqual(10);
      expect(ofType.filter((note) => note.lang === 'en').length).toBeGreaterThanOrEqual(5);
      expect(heldout.filter((note) => note.type === type).length).toBeGreaterThanOrEqual(5);
    }
    expect(LABELLED_SAMPLE.length).toBeGreaterThanOrEqual(120);
    expect(heldout.length / LABELLED_SAMPLE.length).toBeGreaterThan(0.28);
  });

  // Reached when written: tuned part 100% (84 notes), held-out part 97.6% (42 notes). Floors leave room
  // for rule edits; a drop below them means an edit broke real cases.
  it('reaches the accuracy floors on the tuned and the held-out part', () => {
    const tuned = evaluateClassifier(tune, rules);
    const held = evaluateClassifier(heldout, rules);
    const all = evaluateClassifier(LABELLED_SAMPLE, rules);
    console.log(
      [
        formatEvaluation('tuned part', tuned),
        formatEvaluation('held-out part', held),
        formatEvaluation('whole sample', all),
      ].join('\n\n'),
    );
    expect(tuned.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(held.accuracy).toBeGreaterThanOrEqual(0.85);
    for (const type of CONTACT_TYPES) expect(all.perType[type].recall).toBeGreaterThanOrEqual(0.7);
  });
});
