import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#src/lib/app-error';
import { renderSms, templateVariables } from './sms-render';
import { smsSize } from './sms-segments';
import { SMS_TEMPLATE_SEEDS } from './sms-templates-seed';

const birthday = {
  code: 'birthday_care',
  bodyZh: '【10088】尊敬的{name}，祝您生日快乐！客户经理{agent}',
  bodyEn: '[10088] Dear {name}, happy birthday! {agent}',
};

describe('renderSms', () => {
  it('fills every {variable} in the chosen language', () => {
    const zh = renderSms(birthday, { name: '王先生', agent: '李娜' }, 'zh-CN');
    expect(zh.text).toBe('【10088】尊敬的王先生，祝您生日快乐！客户经理李娜');
    expect(zh.encoding).toBe('ucs2');
    const en = renderSms(birthday, { name: 'Mr Wang', agent: 'Li Na' }, 'en');
    expect(en.text).toBe('[10088] Dear Mr Wang, happy birthday! Li Na');
    expect(en.encoding).toBe('gsm7');
  });

  it('names every missing or blank variable in one error', () => {
    let caught: unknown;
    try {
      renderSms(birthday, { name: '  ' }, 'zh-CN');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('{name}');
    expect(error.message).toContain('{agent}');
    expect(error.details).toEqual({
      issues: [
        { path: 'body.variables.name', message: 'is required by template birthday_care' },
        { path: 'body.variables.agent', message: 'is required by template birthday_care' },
      ],
    });
  });

  it('does not substitute inside substituted values', () => {
    const rendered = renderSms(birthday, { name: '{agent}', agent: 'x' }, 'en');
    expect(rendered.text).toBe('[10088] Dear {agent}, happy birthday! x');
  });
});

describe('smsSize', () => {
  it('counts UCS-2 parts as 70 alone and 67 concatenated', () => {
    expect(smsSize('好'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSize('好'.repeat(71))).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(smsSize('好'.repeat(134)).segments).toBe(2);
    expect(smsSize('好'.repeat(135)).segments).toBe(3);
  });

  it('counts GSM parts as 160 alone and 153 concatenated, extension characters twice', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161)).segments).toBe(2);
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize(`${'a'.repeat(159)}[`).segments).toBe(2);
  });

  it('falls back to UCS-2 for one character outside the GSM alphabet', () => {
    expect(smsSize(`${'a'.repeat(100)}好`)).toEqual({ encoding: 'ucs2', units: 101, segments: 2 });
  });

  it('always has enough parts for the text and never one too many', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 800, unit: fc.constantFrom('a', '好', '€', ' ', 'Z') }), (text) => {
        const { encoding, units, segments } = smsSize(text);
        const [single, part] = encoding === 'gsm7' ? [160, 153] : [70, 67];
        if (units <= single) expect(segments).toBe(1);
        else {
          expect(segments * part).toBeGreaterThanOrEqual(units);
          expect((segments - 1) * part).toBeLessThan(units);
        }
      }),
    );
  });
});

describe('seeded SMS templates', () => {
  it('seeds the seven shared codes, each signed 【10088】 and using the same variables in both languages', () => {
    expect(SMS_TEMPLATE_SEEDS.map((t) => t.code).sort()).toEqual([
      'arrears_reminder',
      'birthday_care',
      'business_revisit',
      'holiday_care',
      'satisfaction_survey',
      'service_report',
      'ticket_revisit_survey',
    ]);
    for (const template of SMS_TEMPLATE_SEEDS) {
      expect(template.bodyZh).toContain('【10088】');
      expect(templateVariables(template.bodyZh).sort()).toEqual(templateVariables(template.bodyEn).sort());
      expect(templateVariables(template.bodyZh)).toContain('name');
    }
  });

  it('asks the survey question with the five digits a reply may carry', () => {
    for (const code of ['satisfaction_survey', 'ticket_revisit_survey']) {
      const survey = SMS_TEMPLATE_SEEDS.find((t) => t.code === code);
      for (const digit of ['1', '2', '3', '4', '5']) {
        expect(survey?.bodyZh).toContain(digit);
        expect(survey?.bodyEn).toContain(digit);
      }
    }
  });
});
