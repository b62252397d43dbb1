import { maskName } from '#src/features/queue/mask-name';
import { maskMsisdn } from '#src/lib/msisdn';
import { type Quarter, seriesIndexesOf } from './quarter';
import {
  changeText,
  gigabytes,
  minutesText,
  percent,
  quarterTitle,
  type ReportLanguage,
  reportLabels,
  yuan,
} from './report-texts';

/** Monthly averages over the months of a period that have figures (null: no month had any). */
export type MeasureSet = {
  spendFen: number | null;
  minutes: number | null;
  dataMb: number | null;
  months: number;
};
export type PeerSet = {
  count: number;
  spendFen: number | null;
  minutes: number | null;
  dataMb: number | null;
};
export type RevenueMix = { voice: number; data: number; valueAdded: number };

/** Everything the repository gathered for one subscriber's report: plain data, no database. */
export type ReportFacts = {
  lang: ReportLanguage;
  quarter: Quarter;
  previousQuarter: Quarter;
  runId: number;
  asOf: string;
  /** The run's six-month series, oldest first, ending with the as-of month. */
  series: {
    months: string[];
    spendFen: (number | null)[];
    minutes: (number | null)[];
    dataMb: (number | null)[];
    mix: RevenueMix | null;
  };
  subscriber: {
    id: number;
    name: string;
    msisdn: string;
    vipLevel: string;
    planCode: string;
    planName: string;
    city: string;
    tier: string;
  };
  /** Same tier and city in the same run: averages of each peer's monthly average this quarter. */
  peers: PeerSet;
  advice: {
    currentAverageFen: number | null;
    recommendations: {
      kind: string;
      targetPlanCode: string | null;
      targetPlanName: string | null;
      monthlyDifferenceFen: number;
    }[];
  };
  benefits: {
    acceptedOffers: { offerCode: string; nameZh: string | null; nameEn: string | null; acceptedAt: string }[];
    careContacts: number;
    ticketsResolved: number;
  };
  manager: { displayName: string | null; serviceNumber: string; operatorName: string };
};

export type ReportContent = ReturnType<typeof buildReportContent>;

/**
 * The quarterly one-to-one service report (DOMAIN.md §8, seed 002: "每季度'一对一'服务报告（流量使用
 * 分析、套餐优化建议）"): figures and the sentences a phone manager would say, in one language. The
 * printable page and the PDF both draw exactly this, so they never disagree.
 */
export function buildReportContent(facts: ReportFacts) {
  const { lang, quarter, previousQuarter, series } = facts;
  const length = series.months.length;
  const current = averagesAt(series, seriesIndexesOf(quarter, facts.asOf, length));
  const previous = averagesAt(series, seriesIndexesOf(previousQuarter, facts.asOf, length));
  const quarterSpendFen = sumAt(series.spendFen, seriesIndexesOf(quarter, facts.asOf, length));
  const vsPrevious = {
    spend: ratioChange(current.spendFen, previous.spendFen),
    minutes: ratioChange(current.minutes, previous.minutes),
    dataMb: ratioChange(current.dataMb, previous.dataMb),
  };
  const vsPeers = {
    spend: ratioChange(current.spendFen, facts.peers.spendFen),
    minutes: ratioChange(current.minutes, facts.peers.minutes),
    dataMb: ratioChange(current.dataMb, facts.peers.dataMb),
  };
  const suggestions = facts.advice.recommendations.map((r) => ({ ...r }));
  const acceptedOffers = facts.benefits.acceptedOffers.map((offer) => ({
    offerCode: offer.offerCode,
    name: (lang === 'zh-CN' ? offer.nameZh : offer.nameEn) ?? offer.offerCode,
    acceptedAt: offer.acceptedAt,
  }));
  const subscriber = {
    id: facts.subscriber.id,
    nameMasked: maskName(facts.subscriber.name),
    msisdnMasked: maskMsisdn(facts.subscriber.msisdn),
    vipLevel: facts.subscriber.vipLevel,
    planCode: facts.subscriber.planCode,
    planName: facts.subscriber.planName,
    city: facts.subscriber.city,
    tier: facts.subscriber.tier,
  };
  const content = {
    lang,
    runId: facts.runId,
    asOf: facts.asOf,
    quarter: { code: quarter.code, start: quarter.start, end: quarter.end, months: quarter.months },
    previousQuarter: previousQuarter.code,
    subscriber,
    usage: {
      current,
      previous,
      peers: facts.peers,
      quarterSpendFen,
      vsPrevious,
      vsPeers,
      mix: series.mix,
      /** SMS counts are not in the scoring series; the report leaves them out rather than guess. */
      sms: null,
    },
    billTrend: { months: series.months, spendFen: series.spendFen },
    planAdvice: { currentAverageFen: facts.advice.currentAverageFen, suggestions },
    benefits: {
      acceptedOffers,
      careContacts: facts.benefits.careContacts,
      ticketsResolved: facts.benefits.ticketsResolved,
    },
    manager: facts.manager,
  };
  return { ...content, text: reportSentences(content, quarter) };
}

type ContentCore = {
  lang: ReportLanguage;
  subscriber: { nameMasked: string };
  usage: {
    current: MeasureSet;
    peers: PeerSet;
    quarterSpendFen: number | null;
    vsPrevious: { spend: number | null; minutes: number | null; dataMb: number | null };
    vsPeers: { spend: number | null; minutes: number | null; dataMb: number | null };
    mix: RevenueMix | null;
  };
  planAdvice: {
    suggestions: { kind: string; targetPlanName: string | null; monthlyDifferenceFen: number }[];
  };
  benefits: { acceptedOffers: { name: string }[]; careContacts: number; ticketsResolved: number };
  manager: { displayName: string | null; serviceNumber: string; operatorName: string };
};

/** The report's sentences in its language, in the tone of a phone manager writing to a valued customer. */
export function reportSentences(content: ContentCore, quarter: Quarter) {
  const { lang, usage } = content;
  const labels = reportLabels(lang);
  const period = quarterTitle(lang, quarter.year, quarter.number);
  const zh = lang === 'zh-CN';
  const name = content.subscriber.nameMasked;
  const c = usage.current;
  const mix = usage.mix;
  const first = content.planAdvice.suggestions[0];
  const offers = content.benefits.acceptedOffers.map((o) => o.name);
  const manager = content.manager.displayName;
  return {
    title: `${labels.title} · ${period}`,
    period,
    greeting: zh
      ? `尊敬的${name}：感谢您一直以来对${content.manager.operatorName}的信赖与支持！以下是您${period}的一对一服务报告。`
      : `Dear ${name}, thank you for staying with ${content.manager.operatorName}. Here is your one-to-one service report for ${period}.`,
    usageSummary: zh
      ? `本季度您的话费合计${yuan(usage.quarterSpendFen)}，月均${yuan(c.spendFen)}（较上季度${changeText(lang, usage.vsPrevious.spend)}），月均通话${minutesText(lang, c.minutes)}（${changeText(lang, usage.vsPrevious.minutes)}），月均流量${gigabytes(c.dataMb)}（${changeText(lang, usage.vsPrevious.dataMb)}）。`
      : `This quarter your bills came to ${yuan(usage.quarterSpendFen)}, ${yuan(c.spendFen)} a month (${changeText(lang, usage.vsPrevious.spend)} on last quarter); ${minutesText(lang, c.minutes)} of calls a month (${changeText(lang, usage.vsPrevious.minutes)}) and ${gigabytes(c.dataMb)} of data a month (${changeText(lang, usage.vsPrevious.dataMb)}).`,
    mixSummary:
      mix === null
        ? null
        : zh
          ? `您的消费构成：语音${percent(mix.voice)}，流量${percent(mix.data)}，增值业务${percent(mix.valueAdded)}。`
          : `Your spend split: voice ${percent(mix.voice)}, data ${percent(mix.data)}, value-added ${percent(mix.valueAdded)}.`,
    peerSummary:
      usage.peers.count === 0
        ? null
        : zh
          ? `与同城同级的${usage.peers.count}位客户相比，您的月均话费${changeText(lang, usage.vsPeers.spend)}，通话${changeText(lang, usage.vsPeers.minutes)}，流量${changeText(lang, usage.vsPeers.dataMb)}。`
          : `Compared with ${usage.peers.count} subscribers of your tier in your city, your monthly spend is ${changeText(lang, usage.vsPeers.spend)}, calls ${changeText(lang, usage.vsPeers.minutes)} and data ${changeText(lang, usage.vsPeers.dataMb)}.`,
    adviceSummary: first
      ? adviceSentence(
          lang,
          labels.adviceKinds[first.kind] ?? first.kind,
          first.targetPlanName,
          first.monthlyDifferenceFen,
        )
      : zh
        ? '您当前的套餐与您的使用情况匹配良好，暂无需调整。'
        : 'Your current plan fits the way you use your phone; no change is needed.',
    benefitsSummary: zh
      ? `本季度您办理了${offers.length > 0 ? offers.join('、') : '0项优惠'}，接受关怀服务${content.benefits.careContacts}次，${content.benefits.ticketsResolved}项服务请求已为您解决。`
      : `This quarter you took ${offers.length > 0 ? offers.join(', ') : 'no offers'}, received ${content.benefits.careContacts} care contacts, and ${content.benefits.ticketsResolved} of your service requests were resolved.`,
    managerLine: zh
      ? `${manager ? `您的专属电话经理${manager}` : '您的专属服务团队'}随时为您服务，服务热线${content.manager.serviceNumber}。`
      : `${manager ? `Your phone manager ${manager}` : 'Your service team'} is here for you on ${content.manager.serviceNumber}.`,
    closing: zh ? '祝您生活愉快，期待继续为您服务！' : 'We look forward to serving you in the next quarter.',
  };
}

function adviceSentence(
  lang: ReportLanguage,
  kind: string,
  planName: string | null,
  differenceFen: number,
): string {
  const zh = lang === 'zh-CN';
  const target = planName ? (zh ? `「${planName}」` : `"${planName}"`) : '';
  if (differenceFen < 0) {
    return zh
      ? `建议：${kind}${target}，按您近三个月的实际使用，每月可节省${yuan(-differenceFen)}。`
      : `Suggestion: ${kind} ${target}; on your last three months of use it would save you ${yuan(-differenceFen)} a month.`;
  }
  return zh
    ? `建议：${kind}${target}，更贴合您的使用习惯（每月${differenceFen === 0 ? '费用不变' : `多${yuan(differenceFen)}`}）。`
    : `Suggestion: ${kind} ${target}, which fits the way you use your phone (${differenceFen === 0 ? 'same cost' : `${yuan(differenceFen)} more`} a month).`;
}

/** Monthly averages of the series at the given positions, skipping months without figures. */
export function averagesAt(
  series: { spendFen: (number | null)[]; minutes: (number | null)[]; dataMb: (number | null)[] },
  indexes: number[],
): MeasureSet {
  const months = indexes.filter((i) => series.spendFen[i] != null).length;
  return {
    spendFen: averageAt(series.spendFen, indexes),
    minutes: averageAt(series.minutes, indexes),
    dataMb: averageAt(series.dataMb, indexes),
    months,
  };
}

function averageAt(values: (number | null)[], indexes: number[]): number | null {
  let sum = 0;
  let count = 0;
  for (const i of indexes) {
    const value = values[i];
    if (value == null) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}

function sumAt(values: (number | null)[], indexes: number[]): number | null {
  let sum = 0;
  let any = false;
  for (const i of indexes) {
    const value = values[i];
    if (value == null) continue;
    sum += value;
    any = true;
  }
  return any ? sum : null;
}

/** (value − base) / base; null when either is missing or the base is zero. */
export function ratioChange(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return (value - base) / base;
}
