import { AppError } from '#src/lib/app-error';
import { type SmsSize, smsSize } from './sms-segments';

export const SMS_LOCALES = ['zh-CN', 'en'] as const;
export type SmsLocale = (typeof SMS_LOCALES)[number];

export type SmsTemplateBodies = { code: string; bodyZh: string; bodyEn: string };

export type RenderedSms = SmsSize & { text: string };

const VARIABLE = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The {variables} a body uses, each once, in order of appearance. */
export function templateVariables(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) if (match[1]) names.add(match[1]);
  return [...names];
}

/**
 * The message a subscriber receives: the template's body in the locale with every {variable}
 * filled in one pass (a value that itself looks like {x} stays as written). Every missing or blank
 * variable is named at once; values the body does not use are ignored.
 */
export function renderSms(
  template: SmsTemplateBodies,
  variables: Readonly<Record<string, string>>,
  locale: SmsLocale,
): RenderedSms {
  const body = locale === 'zh-CN' ? template.bodyZh : template.bodyEn;
  const missing = templateVariables(body).filter((name) => !variables[name]?.trim());
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `SMS template ${template.code} needs ${missing.map((name) => `{${name}}`).join(', ')}`,
      {
        issues: missing.map((name) => ({
          path: `body.variables.${name}`,
          message: `is required by template ${template.code}`,
        })),
      },
    );
  }
  const text = body.replace(VARIABLE, (_whole, name: string) => variables[name]?.trim() ?? '');
  return { text, ...smsSize(text) };
}
