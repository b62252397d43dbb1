import { formatFenAsYuan } from '#src/lib/money';

export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** Headings and field names of the report (the PDF prints them; the console has its own i18n copy). */
export type ReportLabels = {
  title: string;
  subscriber: string;
  number: string;
  vipLevel: string;
  plan: string;
  city: string;
  usage: string;
  measure: string;
  thisQuarter: string;
  previousQuarter: string;
  peers: string;
  spend: string;
  minutes: string;
  data: string;
  mix: string;
  voice: string;
  dataRevenue: string;
  valueAdded: string;
  billTrend: string;
  planAdvice: string;
  benefits: string;
  acceptedOffers: string;
  careContacts: string;
  ticketsResolved: string;
  manager: string;
  managerName: string;
  serviceNumber: string;
  none: string;
  vipLevels: Record<string, string>;
  adviceKinds: Record<string, string>;
  footer: string;
};

const ZH: ReportLabels = {
  title: '一对一服务报告',
  subscriber: '客户',
  number: '号码',
  vipLevel: 'VIP等级',
  plan: '当前套餐',
  city: '城市',
  usage: '一、消费分析',
  measure: '项目（月均）',
  thisQuarter: '本季度',
  previousQuarter: '上季度',
  peers: '同级同城客户',
  spend: '话费',
  minutes: '通话分钟',
  data: '流量',
  mix: '收入构成',
  voice: '语音',
  dataRevenue: '流量',
  valueAdded: '增值业务',
  billTrend: '二、近六个月话费趋势',
  planAdvice: '三、套餐优化建议',
  benefits: '四、本季度权益与服务',
  acceptedOffers: '已办理优惠',
  careContacts: '关怀服务',
  ticketsResolved: '已解决的服务请求',
  manager: '五、您的专属电话经理',
  managerName: '电话经理',
  serviceNumber: '服务热线',
  none: '无',
  vipLevels: { none: '普通', silver: '银卡', gold: '金卡', platinum: '白金卡', diamond: '钻石卡' },
  adviceKinds: {
    cheaper_plan: '更省钱的套餐',
    fitting_plan: '更合适的套餐',
    night_pack: '夜间流量包',
    family_plan: '家庭共享套餐',
  },
  footer: '本报告依据您的账单与使用记录生成，号码与姓名已作脱敏处理。',
};

const EN: ReportLabels = {
  title: 'One-to-one service report',
  subscriber: 'Subscriber',
  number: 'Number',
  vipLevel: 'VIP level',
  plan: 'Current plan',
  city: 'City',
  usage: '1. Your usage',
  measure: 'Measure (monthly average)',
  thisQuarter: 'This quarter',
  previousQuarter: 'Previous quarter',
  peers: 'Tier & city peers',
  spend: 'Spend',
  minutes: 'Voice minutes',
  data: 'Data',
  mix: 'Revenue mix',
  voice: 'Voice',
  dataRevenue: 'Data',
  valueAdded: 'Value-added',
  billTrend: '2. Your bills over the last six months',
  planAdvice: '3. Plan suggestion',
  benefits: '4. Benefits and service this quarter',
  acceptedOffers: 'Offers taken',
  careContacts: 'Care contacts',
  ticketsResolved: 'Service requests resolved',
  manager: '5. Your phone manager',
  managerName: 'Phone manager',
  serviceNumber: 'Service number',
  none: 'None',
  vipLevels: { none: 'Standard', silver: 'Silver', gold: 'Gold', platinum: 'Platinum', diamond: 'Diamond' },
  adviceKinds: {
    cheaper_plan: 'A cheaper plan',
    fitting_plan: 'A better-fitting plan',
    night_pack: 'Night data pack',
    family_plan: 'Family sharing plan',
  },
  footer: 'This report is drawn from your bills and usage; your number and name are masked.',
};

export function reportLabels(lang: ReportLanguage): ReportLabels {
  return lang === 'zh-CN' ? ZH : EN;
}

export function quarterTitle(lang: ReportLanguage, year: number, number: number): string {
  return lang === 'zh-CN' ? `${year}年第${number}季度` : `Q${number} ${year}`;
}

export function yuan(fen: number | null): string {
  return fen === null ? '—' : `¥${formatFenAsYuan(Math.round(fen))}`;
}

export function gigabytes(mb: number | null): string {
  return mb === null ? '—' : `${(mb / 1024).toFixed(1)} GB`;
}

export function minutesText(lang: ReportLanguage, minutes: number | null): string {
  if (minutes === null) return '—';
  return lang === 'zh-CN' ? `${Math.round(minutes)}分钟` : `${Math.round(minutes)} min`;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** A change as the reader says it: "+12%", "-5%", "持平" / "level". */
export function changeText(lang: ReportLanguage, ratio: number | null): string {
  if (ratio === null) return '—';
  const rounded = Math.round(ratio * 100);
  if (rounded === 0) return lang === 'zh-CN' ? '持平' : 'level';
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}
