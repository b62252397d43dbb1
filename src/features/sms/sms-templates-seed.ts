import type { Database } from '#src/db/client';
import { smsTemplates } from '#src/db/schema/contacts';

/** care sells nothing; marketing presents an offer (needs consent); survey asks about a contact. */
export const SMS_TEMPLATE_PURPOSES = ['care', 'marketing', 'survey'] as const;
export type SmsTemplatePurpose = (typeof SMS_TEMPLATE_PURPOSES)[number];

export type SmsTemplateSeed = {
  code: string;
  purpose: SmsTemplatePurpose;
  bodyZh: string;
  bodyEn: string;
};

/** The survey template the call panel sends after a contact (DOMAIN.md §9, peak-end rule). */
export const SURVEY_TEMPLATE_CODE = 'satisfaction_survey';

/** The satisfaction revisit after a ticket is closed (DOMAIN.md §10), for subscribers not called. */
export const TICKET_REVISIT_TEMPLATE_CODE = 'ticket_revisit_survey';

/**
 * The care messages of the key moments (DOMAIN.md §6) and the quarterly service report (§8), with
 * the service number's signature as Chinese SMS rules require. {name} and {agent} are filled from
 * the subscriber and the sending phone manager unless the sender gives them.
 */
export const SMS_TEMPLATE_SEEDS: readonly SmsTemplateSeed[] = [
  {
    code: 'birthday_care',
    purpose: 'care',
    bodyZh:
      '【10088】尊敬的{name}，今天是您的生日，感谢您多年来的信任与陪伴！祝您生日快乐、身体健康、万事顺意！您的专属客户经理{agent}随时为您服务。',
    bodyEn:
      '[10088] Dear {name}, happy birthday! Thank you for staying with us all these years. Wishing you health and happiness. Your account manager {agent} is always here for you.',
  },
  {
    code: 'arrears_reminder',
    purpose: 'care',
    bodyZh:
      '【10088】尊敬的{name}，截至{date}您的账户已欠费{amount}元。为免影响正常通话和上网，请于{deadline}前通过营业厅、网上营业厅或10088充值缴费。如已缴费，请忽略本短信。',
    bodyEn:
      '[10088] Dear {name}, as of {date} your account is {amount} CNY in arrears. To keep calls and data running, please pay by {deadline} at a store, online or via 10088. If you have paid already, please ignore this message.',
  },
  {
    code: 'business_revisit',
    purpose: 'care',
    bodyZh:
      '【10088】尊敬的{name}，您于{date}办理的{business}已生效。使用中如有任何疑问，请拨打10088或联系您的客户经理{agent}，我们将竭诚为您服务。',
    bodyEn:
      '[10088] Dear {name}, the {business} you signed up for on {date} is now active. Any questions, call 10088 or your account manager {agent}. We are glad to help.',
  },
  {
    code: 'holiday_care',
    purpose: 'care',
    bodyZh:
      '【10088】{holiday}将至，祝{name}及家人节日快乐、阖家幸福！出行期间请注意安全，如需帮助请随时联系您的客户经理{agent}。',
    bodyEn:
      '[10088] {holiday} is coming. Wishing you, {name}, and your family a happy holiday! Travel safely, and contact your account manager {agent} whenever you need help.',
  },
  {
    code: SURVEY_TEMPLATE_CODE,
    purpose: 'survey',
    bodyZh:
      '【10088】尊敬的{name}，感谢您接听我们的服务电话。请为本次服务评分，直接回复数字：5非常满意，4满意，3一般，2不满意，1非常不满意。回复免费，感谢您的支持！',
    bodyEn:
      '[10088] Dear {name}, thank you for taking our call. Please rate it by replying with one digit: 5 very satisfied, 4 satisfied, 3 neutral, 2 dissatisfied, 1 very dissatisfied. Replies are free.',
  },
  {
    code: TICKET_REVISIT_TEMPLATE_CODE,
    purpose: 'survey',
    bodyZh:
      '【10088】尊敬的{name}，您反映的问题（工单{ticketNo}）已处理完毕。请为处理结果评分，直接回复数字：5非常满意，4满意，3一般，2不满意，1非常不满意。回复免费，感谢您的支持！',
    bodyEn:
      '[10088] Dear {name}, the issue you raised (ticket {ticketNo}) has been resolved. Please rate the outcome by replying with one digit: 5 very satisfied, 4 satisfied, 3 neutral, 2 dissatisfied, 1 very dissatisfied. Replies are free.',
  },
  {
    code: 'service_report',
    purpose: 'care',
    bodyZh:
      '【10088】尊敬的{name}，您的{quarter}专属服务报告：近三个月月均消费{avgSpend}元，月均流量{avgData}GB。{suggestion}如需详细解读，请联系您的客户经理{agent}。',
    bodyEn:
      '[10088] Dear {name}, your {quarter} service report: average monthly spend {avgSpend} CNY and data {avgData} GB over the last three months. {suggestion} For details, contact your account manager {agent}.',
  },
];

/** Adds the seeded templates that are missing; templates edited since are left as they are. */
export async function seedSmsTemplates(db: Database): Promise<void> {
  await db
    .insert(smsTemplates)
    .values(SMS_TEMPLATE_SEEDS.map((seed) => ({ ...seed })))
    .onConflictDoNothing({ target: smsTemplates.code });
}
