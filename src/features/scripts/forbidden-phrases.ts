import type { Locale } from './script-content';

/**
 * Phrases a phone manager never says, with the better form to say instead. The Chinese list is the
 * "沟通语句优化" exercise of the Shaanxi Mobile call-centre training [004]; the English entries say the
 * same things the way an English speaker would. One entry (not_my_job) is the common service-norm
 * (服务禁语) of passing the customer on, which the same training's flow analyses warn against.
 *
 * Patterns run over normalised text (phrase-lint.ts): NFKC, lower case, no spaces or inner punctuation
 * for Chinese (single spaces for English), and every sentence end turned into `\n` — so `.` in a
 * pattern never reaches into the next sentence.
 */
export type ForbiddenPhrase = {
  code: ForbiddenPhraseCode;
  locale: Locale;
  /** The phrase as the training writes it; shown to the person who wrote it. */
  phrase: string;
  pattern: RegExp;
  /** A better way to say it, in the same language. */
  suggestion: string;
  /** Why it hurts, in the same language. */
  why: string;
};

export const FORBIDDEN_PHRASE_CODES = [
  'demand_before_service',
  'agree_but',
  'must',
  'you_are_wrong',
  'not_understood',
  'not_my_job',
] as const;
export type ForbiddenPhraseCode = (typeof FORBIDDEN_PHRASE_CODES)[number];

const ZH: ForbiddenPhrase[] = [
  {
    code: 'demand_before_service',
    locale: 'zh-CN',
    phrase: '你要报出身份证号码，才可以办理本项业务',
    pattern: /[你您](?:要|得|需要)先?(?:报出|报|提供|出示|说出|告诉我).{0,24}?才(?:可以|能)/u,
    suggestion: '为了保障您的账户安全，麻烦您提供一下机主的身份证号码，核对后我马上为您办理。',
    why: '把条件摆在前面像是刁难；先说原因和对客户的好处，再提请求。',
  },
  {
    code: 'agree_but',
    locale: 'zh-CN',
    phrase: '您说得很有道理，我非常赞同您的观点，但是…',
    pattern: /(?:有道理|赞同|同意|理解).{0,16}?\n?(?:但是|可是|不过)/u,
    suggestion: '您说得很有道理，同时我们也可以从另一个角度看看：……',
    why: '“但是”抹掉了前面的认同，客户只记住了转折。',
  },
  {
    code: 'must',
    locale: 'zh-CN',
    phrase: '你必须…',
    pattern: /[你您](?:现在|今天|一定|务必)?必须/u,
    suggestion: '麻烦您……，这样我们就能尽快为您办好。',
    why: '命令的口气让客户失去受控感；用请求代替命令，并说明原因。',
  },
  {
    code: 'you_are_wrong',
    locale: 'zh-CN',
    phrase: '你错了，不是那样的！',
    pattern: /[你您](?:说|讲|理解|弄|搞|记|看)?错了/u,
    suggestion: '可能是我刚才没有解释清楚，实际情况是这样的：……',
    why: '指责客户会激起对立；把误会揽到自己身上，再讲事实。',
  },
  {
    code: 'not_understood',
    locale: 'zh-CN',
    phrase: '您还是没有弄明白，这次请听好了',
    pattern:
      /[你您](?:还是|还|又|根本|怎么)(?:没有?|不)(?:弄|搞|听)?(?:明白|懂|清楚)|[你您]没有?(?:弄|搞)(?:明白|懂|清楚)|请听好|听好了/u,
    suggestion: '可能是我刚才没有说清楚，我再为您详细说明一遍。',
    why: '暗示客户理解力差；把责任放在自己的表达上。',
  },
  {
    code: 'not_my_job',
    locale: 'zh-CN',
    phrase: '这不归我管',
    pattern: /不归我们?管|(?:这|那)不是我们?的事/u,
    suggestion: '这个问题由专门的部门负责，我先帮您记录下来，并请他们尽快联系您。',
    why: '把客户推开；客户要的是有人负责到底。',
  },
];

const EN: ForbiddenPhrase[] = [
  {
    code: 'demand_before_service',
    locale: 'en',
    phrase: 'You need to give me your ID number before I can do this',
    pattern:
      /\byou (?:need to|have to|must|will need to) (?:give|provide|tell|read out|show)\b.{0,60}?\b(?:before|or|otherwise|then) (?:i|we) (?:can|will)\b/u,
    suggestion:
      "To keep your account safe, could you please confirm the ID number on the account? Then I'll do this for you straight away.",
    why: 'A condition stated first sounds like an obstacle; give the reason and the benefit, then ask.',
  },
  {
    code: 'agree_but',
    locale: 'en',
    phrase: "You're right, I completely agree, but…",
    pattern:
      /\b(?:you(?:'re| are) (?:absolutely |quite |completely )?right|good point|makes sense|i (?:completely |totally |fully )?(?:agree|understand))\b.{0,40}?\n? ?\bbut\b/u,
    suggestion: 'You make a good point, and at the same time we could look at it this way: …',
    why: '"But" erases the agreement before it; the customer only hears the objection.',
  },
  {
    code: 'must',
    locale: 'en',
    phrase: 'You must…',
    pattern: /\byou (?:must|have to)\b|\byou(?:'ve| have)? got to\b/u,
    suggestion: 'Could you please …, so that we can sort this out for you quickly?',
    why: 'Orders take away the customer’s sense of control; ask, and say why.',
  },
  {
    code: 'you_are_wrong',
    locale: 'en',
    phrase: "You're wrong, that's not how it is!",
    pattern: /\byou(?:'re| are) (?:wrong|mistaken)\b|\byou(?:'ve| have)? got it wrong\b/u,
    suggestion: "Perhaps I didn't explain that clearly; here is how it actually works: …",
    why: 'Blaming the customer sets you against them; take the misunderstanding on yourself, then give the facts.',
  },
  {
    code: 'not_understood',
    locale: 'en',
    phrase: "You still don't get it, listen carefully this time",
    pattern:
      /\byou (?:still|just) (?:don't|do not|didn't|did not|haven't|have not) (?:understand|understood|get it|got it)\b|\blisten carefully\b/u,
    suggestion: "Perhaps I didn't put that clearly; let me go through it again.",
    why: 'It implies the customer is slow; put the fault in your own explanation.',
  },
  {
    code: 'not_my_job',
    locale: 'en',
    phrase: "That's not my job",
    pattern: /\bnot my (?:job|department|problem|responsibility)\b|\bnothing to do with (?:me|us)\b/u,
    suggestion: "The right team handles this; I'll note it down now and ask them to call you back soon.",
    why: 'It pushes the customer away; they want someone to own the problem.',
  },
];

export const FORBIDDEN_PHRASES: readonly ForbiddenPhrase[] = [...ZH, ...EN];

export function forbiddenPhrasesFor(locale: Locale): ForbiddenPhrase[] {
  return FORBIDDEN_PHRASES.filter((entry) => entry.locale === locale);
}
