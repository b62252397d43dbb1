import type { Database } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import type { SaveSmsTemplateBody, SmsTemplateView } from './sms.schemas';
import { templateVariables } from './sms-render';
import { smsSize } from './sms-segments';
import { findAllTemplates, type SmsTemplateRow, upsertTemplate } from './sms-templates.repository';
import { SMS_TEMPLATE_PURPOSES, type SmsTemplatePurpose } from './sms-templates-seed';

export async function listSmsTemplates(db: Database): Promise<{ items: SmsTemplateView[] }> {
  return { items: (await findAllTemplates(db)).map(templateView) };
}

/**
 * Creates or replaces a template. Both bodies must use the same {variables}, so whichever
 * language a message goes out in, the sender supplies the same values.
 */
export async function saveSmsTemplate(
  db: Database,
  code: string,
  body: SaveSmsTemplateBody,
): Promise<SmsTemplateView> {
  const zh = templateVariables(body.bodyZh);
  const en = templateVariables(body.bodyEn);
  const onlyZh = zh.filter((name) => !en.includes(name));
  const onlyEn = en.filter((name) => !zh.includes(name));
  if (onlyZh.length > 0 || onlyEn.length > 0) {
    const issues = [
      ...onlyZh.map((name) => ({ path: 'body.bodyEn', message: `lacks {${name}}, which bodyZh uses` })),
      ...onlyEn.map((name) => ({ path: 'body.bodyZh', message: `lacks {${name}}, which bodyEn uses` })),
    ];
    throw new AppError('VALIDATION_FAILED', 'Both bodies must use the same {variables}', { issues });
  }
  return templateView(await upsertTemplate(db, { code, ...body }));
}

function templateView(row: SmsTemplateRow): SmsTemplateView {
  const sizeOf = (text: string) => {
    const { encoding, segments } = smsSize(text);
    return { encoding, segments };
  };
  return {
    code: row.code,
    purpose: asPurpose(row.purpose),
    bodyZh: row.bodyZh,
    bodyEn: row.bodyEn,
    variables: templateVariables(`${row.bodyZh} ${row.bodyEn}`),
    isActive: row.isActive,
    updatedAt: row.updatedAt,
    sizeZh: sizeOf(row.bodyZh),
    sizeEn: sizeOf(row.bodyEn),
  };
}

function asPurpose(value: string): SmsTemplatePurpose {
  return SMS_TEMPLATE_PURPOSES.find((p) => p === value) ?? 'care';
}
