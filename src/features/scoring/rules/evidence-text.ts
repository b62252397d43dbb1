import type { FiredSignal, SignalCode } from './churn-signals';
import type { KeyMoment, KeyMomentCode } from './key-moments';
import type { TierReason } from './operating-tier';

/**
 * The words an agent reads: signal evidence, key moments and tier reasons in zh-CN and en, rendered
 * from the structured parameters stored with each score, so the language is the reader's choice.
 */
export type Locale = 'zh-CN' | 'en';

type Params = Record<string, string | number>;
type Texts = Record<Locale, string>;

const SIGNAL_TITLES: Record<SignalCode, Texts> = {
  CONTRACT_EXPIRING: { 'zh-CN': '协议到期', en: 'Contract expiring' },
  USAGE_DROP: { 'zh-CN': '业务量突降', en: 'Sudden usage drop' },
  COMPETITOR_MARKETING: { 'zh-CN': '竞争对手强势营销', en: 'Competitor marketing' },
  ZERO_CALL_DAYS: { 'zh-CN': '多日零通话', en: 'Days without calls' },
  COMPETITOR_HOTLINE: { 'zh-CN': '拨打竞争对手客服电话', en: "Called a competitor's hotline" },
  ARPU_DECLINE: { 'zh-CN': '近3个月ARPU下降', en: 'ARPU falling for 3 months' },
  OPEN_COMPLAINT: { 'zh-CN': '投诉未解决', en: 'Unresolved complaint' },
  ARREARS_SUSPENDED: { 'zh-CN': '欠费停机', en: 'Suspended for arrears' },
  DATA_OVERAGE: { 'zh-CN': '流量超量', en: 'Data overage' },
};

const KEY_MOMENT_TITLES: Record<KeyMomentCode, Texts> = {
  BIRTHDAY_CARE: { 'zh-CN': '生日关怀', en: 'Birthday care' },
  ARREARS_REMINDER: { 'zh-CN': '欠费停机提醒', en: 'Arrears reminder' },
  CONTRACT_RETENTION: { 'zh-CN': '合约到期维系', en: 'Contract renewal call' },
  BUSINESS_REVISIT: { 'zh-CN': '业务办理回访', en: 'Revisit after business handled' },
  COMPLAINT_REVISIT: { 'zh-CN': '投诉解决回访', en: 'Revisit after complaint resolved' },
  LEAVING_RETENTION: { 'zh-CN': '离网挽留', en: 'Retention call' },
};

const TIER_REASON_TEXTS: Record<TierReason, Texts> = {
  arpu_decline: { 'zh-CN': '近3个月ARPU下降', en: 'ARPU falling for 3 months' },
  unresolved_complaint: { 'zh-CN': '投诉未解决', en: 'unresolved complaint' },
  competitor_contact: { 'zh-CN': '有竞争对手接触痕迹', en: 'contact with a competitor' },
  churn_probability: { 'zh-CN': '离网概率高', en: 'high churn probability' },
  high_contribution: { 'zh-CN': 'ARPU贡献高', en: 'high ARPU contribution' },
  high_arpu_bound: { 'zh-CN': 'ARPU较高且有合约或融合业务', en: 'high ARPU with a contract or bundle' },
  new_subscriber: { 'zh-CN': '新入网客户', en: 'new subscriber' },
  student: { 'zh-CN': '学生客户', en: 'student' },
  young_heavy_data: { 'zh-CN': '流量需求大的年轻客户', en: 'young heavy data user' },
  silence_wake_up: {
    'zh-CN': '连续3个月消费无波动（沉默唤醒）',
    en: 'spend unchanged for 3 months (wake-up)',
  },
  moderate_value: { 'zh-CN': 'ARPU适中', en: 'moderate ARPU' },
};

export function signalTitle(code: SignalCode, locale: Locale): string {
  return SIGNAL_TITLES[code][locale];
}

export function keyMomentTitle(code: KeyMomentCode, locale: Locale): string {
  return KEY_MOMENT_TITLES[code][locale];
}

export function renderTierReason(reason: TierReason, locale: Locale): string {
  return TIER_REASON_TEXTS[reason][locale];
}

// Formatters are costly to build and pages render hundreds of texts: build each once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  const cached = formatters.get(key);
  if (cached instanceof Intl.NumberFormat) return cached;
  const made = new Intl.NumberFormat(locale, options);
  formatters.set(key, made);
  return made;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  const cached = formatters.get(key);
  if (cached instanceof Intl.DateTimeFormat) return cached;
  // Dates are calendar days: format them in UTC so the server's zone cannot shift them.
  const made = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  formatters.set(key, made);
  return made;
}

/** Fen as money: "¥128.50" in English, "128.50元" in Chinese. */
export function formatMoney(fen: number, locale: Locale): string {
  const yuan = fen / 100;
  if (locale === 'en') {
    return numberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
    }).format(yuan);
  }
  return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(yuan)}元`;
}

export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number, locale: Locale, digits: number): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A ratio change as a signed percentage: -0.766 → "-77%". */
export function formatChange(ratio: number, locale: Locale): string {
  return numberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  }).format(ratio);
}

export function formatPercent(ratio: number, locale: Locale): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

function utcDate(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** 'YYYY-MM' → "October 2026" / "2026年10月". */
export function formatMonth(month: string, locale: Locale): string {
  return dateFormat(locale, { year: 'numeric', month: 'long' }).format(utcDate(`${month}-01`));
}

/** 'YYYY-MM-DD' → "Oct 3" / "10月3日", for dates within weeks of today. */
export function formatDay(date: string, locale: Locale): string {
  return dateFormat(locale, { month: locale === 'en' ? 'short' : 'long', day: 'numeric' }).format(
    utcDate(date),
  );
}

/** 'YYYY-MM-DD' → "Oct 3, 2026" / "2026年10月3日". */
export function formatDate(date: string, locale: Locale): string {
  return dateFormat(locale, { dateStyle: locale === 'en' ? 'medium' : 'long' }).format(utcDate(date));
}

function num(params: Params, key: string): number | undefined {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function times(n: number, locale: Locale): string {
  if (locale === 'zh-CN') return `${formatCount(n, locale)}次`;
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${formatCount(n, locale)} times`;
}

function days(n: number, locale: Locale): string {
  if (locale === 'zh-CN') return `${formatCount(n, locale)}天`;
  return `${formatCount(n, locale)} ${n === 1 ? 'day' : 'days'}`;
}

type Render = (p: Params, locale: Locale) => string | null;

const SIGNAL_EVIDENCE: Record<SignalCode, Render> = {
  CONTRACT_EXPIRING(p, locale) {
    const daysLeft = num(p, 'daysLeft');
    const end = str(p, 'contractEnd');
    if (daysLeft === undefined || end === undefined) return null;
    const date = formatDate(end, locale);
    if (locale === 'zh-CN')
      return daysLeft === 0
        ? `合约今天（${date}）到期`
        : `合约将于${date}到期，还剩${days(daysLeft, locale)}`;
    return daysLeft === 0
      ? `Contract ends today (${date})`
      : `Contract ends on ${date}, in ${days(daysLeft, locale)}`;
  },
  USAGE_DROP(p, locale) {
    const from = num(p, 'from');
    const to = num(p, 'to');
    const change = num(p, 'change');
    const month = str(p, 'month');
    if (from === undefined || to === undefined || change === undefined || month === undefined) return null;
    const when = formatMonth(month, locale);
    const pct = formatChange(change, locale);
    if (str(p, 'metric') === 'spend') {
      const [a, b] = [formatMoney(from, locale), formatMoney(to, locale)];
      return locale === 'zh-CN'
        ? `${when}消费从${a}降到${b}（${pct}）`
        : `Spend fell from ${a} to ${b} (${pct}) in ${when}`;
    }
    const [a, b] = [formatCount(from, locale), formatCount(to, locale)];
    return locale === 'zh-CN'
      ? `${when}通话从${a}分钟降到${b}分钟（${pct}）`
      : `Calls fell from ${a} to ${b} minutes (${pct}) in ${when}`;
  },
  COMPETITOR_MARKETING(p, locale) {
    const contacts = num(p, 'contacts');
    if (contacts === undefined) return null;
    const last = str(p, 'lastDate');
    if (locale === 'zh-CN') {
      const tail = last ? `（最近一次${formatDay(last, locale)}）` : '';
      return `近30天接到竞争对手营销电话或短信${times(contacts, locale)}${tail}`;
    }
    const tail = last ? ` (last on ${formatDay(last, locale)})` : '';
    return `Contacted by competitor marketing ${times(contacts, locale)} in the last 30 days${tail}`;
  },
  ZERO_CALL_DAYS(p, locale) {
    const zeroDays = num(p, 'zeroDays');
    const streak = num(p, 'streak');
    if (zeroDays === undefined || streak === undefined) return null;
    const from = str(p, 'streakFrom');
    const to = str(p, 'streakTo');
    if (locale === 'zh-CN') {
      const range = from && to ? `（${formatDay(from, locale)}至${formatDay(to, locale)}）` : '';
      const run = streak >= 2 ? `，最长连续${days(streak, locale)}${range}` : '';
      return `近30天有${days(zeroDays, locale)}无通话${run}`;
    }
    const range = from && to ? ` (${formatDay(from, locale)} – ${formatDay(to, locale)})` : '';
    const run = streak >= 2 ? `; longest run ${days(streak, locale)}${range}` : '';
    return `No calls on ${formatCount(zeroDays, locale)} of the last 30 days${run}`;
  },
  COMPETITOR_HOTLINE(p, locale) {
    const calls = num(p, 'calls');
    if (calls === undefined) return null;
    const last = str(p, 'lastDate');
    if (locale === 'zh-CN') {
      const tail = last ? `（最近一次${formatDay(last, locale)}）` : '';
      return `近30天拨打竞争对手客服电话${times(calls, locale)}${tail}`;
    }
    const tail = last ? ` (last on ${formatDay(last, locale)})` : '';
    return `Called a competitor's customer service ${times(calls, locale)} in the last 30 days${tail}`;
  },
  ARPU_DECLINE(p, locale) {
    const months = num(p, 'months');
    const fromFen = num(p, 'fromFen');
    const toFen = num(p, 'toFen');
    const fromMonth = str(p, 'fromMonth');
    const toMonth = str(p, 'toMonth');
    if (months === undefined || fromFen === undefined || toFen === undefined || !fromMonth || !toMonth)
      return null;
    const [a, b] = [formatMoney(fromFen, locale), formatMoney(toFen, locale)];
    const [m1, m2] = [formatMonth(fromMonth, locale), formatMonth(toMonth, locale)];
    return locale === 'zh-CN'
      ? `月消费连续${months}个月下降，从${m1}的${a}降到${m2}的${b}`
      : `Monthly spend fell ${months} months in a row, from ${a} in ${m1} to ${b} in ${m2}`;
  },
  OPEN_COMPLAINT(p, locale) {
    const overdue = num(p, 'overdue') ?? 0;
    const recent = num(p, 'complaints90') ?? 0;
    const due = str(p, 'oldestDueDate');
    // Raised by a VIP's ticket the moment it opened (tickets/retention-link), before any rescoring.
    const ticket = str(p, 'ticketNo');
    const parts: string[] = [];
    if (locale === 'zh-CN') {
      if (ticket) parts.push(`服务工单${ticket}处理中`);
      if (overdue > 0)
        parts.push(`${overdue}件投诉超时未解决${due ? `（最早应于${formatDay(due, locale)}前处理）` : ''}`);
      if (recent > 0) parts.push(`近90天投诉${times(recent, locale)}`);
      return parts.length ? parts.join('；') : null;
    }
    if (ticket) parts.push(`service ticket ${ticket} being worked`);
    if (overdue > 0) {
      const noun = overdue === 1 ? 'complaint' : 'complaints';
      parts.push(
        `${overdue} ${noun} open past the deadline${due ? ` (oldest due ${formatDay(due, locale)})` : ''}`,
      );
    }
    if (recent > 0) parts.push(`${recent} ${recent === 1 ? 'complaint' : 'complaints'} in the last 90 days`);
    return parts.length ? parts.join('; ') : null;
  },
  ARREARS_SUSPENDED(p, locale) {
    const n = num(p, 'days');
    if (n === undefined) return null;
    if (locale === 'zh-CN') return n === 0 ? '今天欠费停机' : `欠费停机已${days(n, locale)}`;
    return n === 0 ? 'Suspended for arrears today' : `Suspended for arrears for ${days(n, locale)}`;
  },
  DATA_OVERAGE(p, locale) {
    const overageFen = num(p, 'overageFen');
    const dataMb = num(p, 'dataMb');
    const allowanceMb = num(p, 'allowanceMb');
    const month = str(p, 'month');
    if (overageFen === undefined || dataMb === undefined || allowanceMb === undefined || !month) return null;
    const [used, allowance] = [formatCount(dataMb, locale), formatCount(allowanceMb, locale)];
    const [when, paid] = [formatMonth(month, locale), formatMoney(overageFen, locale)];
    return locale === 'zh-CN'
      ? `${when}使用流量${used}MB，超出套餐所含${allowance}MB，超量付费${paid}`
      : `Paid ${paid} for extra data in ${when}: used ${used} MB of a ${allowance} MB allowance`;
  },
};

/** The evidence an agent reads for a fired signal; falls back to the title if parameters are missing. */
export function renderSignalEvidence(signal: FiredSignal, locale: Locale): string {
  return SIGNAL_EVIDENCE[signal.code](signal.params, locale) ?? signalTitle(signal.code, locale);
}

function isTierReason(value: string): value is TierReason {
  return Object.hasOwn(TIER_REASON_TEXTS, value);
}

const KEY_MOMENT_TEXT: Record<KeyMomentCode, Render> = {
  BIRTHDAY_CARE(p, locale) {
    const birthday = str(p, 'birthday');
    const until = num(p, 'daysUntil');
    if (!birthday || until === undefined) return null;
    const day = formatDay(birthday, locale);
    if (locale === 'zh-CN') {
      return `${day}生日（${until === 0 ? '今天' : `还有${days(until, locale)}`}）：发送关怀短信或致电问候`;
    }
    return `Birthday on ${day} (${until === 0 ? 'today' : `in ${days(until, locale)}`}): send a care message or call`;
  },
  ARREARS_REMINDER(p, locale) {
    const on = str(p, 'suspendedOn');
    const hours = num(p, 'withinHours');
    if (!on || hours === undefined) return null;
    return locale === 'zh-CN'
      ? `${formatDay(on, locale)}欠费停机：${hours}小时内致电提醒缴费`
      : `Suspended for arrears on ${formatDay(on, locale)}: reminder call within ${hours} hours`;
  },
  CONTRACT_RETENTION(p, locale) {
    const end = str(p, 'contractEnd');
    if (!end) return null;
    return locale === 'zh-CN'
      ? `合约将于${formatDate(end, locale)}到期：到期前致电维系续约`
      : `Contract ends on ${formatDate(end, locale)}: retention call before it ends`;
  },
  BUSINESS_REVISIT(p, locale) {
    const on = str(p, 'eventDate');
    if (!on) return null;
    return locale === 'zh-CN'
      ? `${formatDay(on, locale)}办理业务：回访了解使用情况`
      : `Business handled on ${formatDay(on, locale)}: revisit call`;
  },
  COMPLAINT_REVISIT(p, locale) {
    const on = str(p, 'eventDate');
    if (!on) return null;
    return locale === 'zh-CN'
      ? `${formatDay(on, locale)}投诉已解决：满意度回访`
      : `Complaint resolved on ${formatDay(on, locale)}: satisfaction revisit`;
  },
  LEAVING_RETENTION(p, locale) {
    const reason = str(p, 'reason');
    const why = reason && isTierReason(reason) ? renderTierReason(reason, locale) : null;
    if (locale === 'zh-CN') return `流失预警${why ? `（${why}）` : ''}：尽快致电挽留`;
    return `Churn warning${why ? ` (${why})` : ''}: retention call`;
  },
};

/** What a key moment asks of the agent (the due date is shown separately). */
export function renderKeyMoment(moment: KeyMoment, locale: Locale): string {
  return KEY_MOMENT_TEXT[moment.code](moment.params, locale) ?? keyMomentTitle(moment.code, locale);
}
