// The contact-type rules as data: an analyst can edit this document (or load one from a file) and it is
// validated with zod before use. Weights are additive; the type with the highest total wins, ties go to
// the type listed first in `priority`. Types follow DOMAIN §10 (咨询 / 建议 / 不满 / 投诉 / 业务办理 / 骚扰);
// dissatisfaction is "settled by explanation", a complaint "needs resolution" (seed 004), so phrases that
// show the customer accepted an explanation count towards dissatisfaction.
import { z } from 'zod';
import { CONTACT_TYPES } from '#src/db/schema/enums';
import { AGENT_TAG_VALUES } from '#src/features/subscribers/agent-tags';

export type ContactType = (typeof CONTACT_TYPES)[number];
export const COMPLAINT_PSYCHOLOGIES = AGENT_TAG_VALUES.complaintPsychology;
export type ComplaintPsychology = (typeof COMPLAINT_PSYCHOLOGIES)[number];

const keywordSchema = z.object({
  phrase: z.string().trim().min(1, 'phrase must not be empty'),
  weight: z.number().positive().max(10),
});
export type KeywordRule = z.infer<typeof keywordSchema>;

const negationCueSchema = z.object({
  phrase: z.string().trim().min(1, 'phrase must not be empty'),
  /** Characters allowed between the cue and the keyword it negates (never across a clause break). */
  maxGap: z.number().int().min(0).max(30),
});

export const classifierRulesSchema = z
  .object({
    version: z.number().int().positive(),
    keywords: z.record(z.enum(CONTACT_TYPES), z.array(keywordSchema)),
    negation: z.object({
      cues: z.array(negationCueSchema),
      appliesTo: z.array(z.enum(CONTACT_TYPES)),
    }),
    /** Tie-breaking order, most serious first; must list every type once. */
    priority: z.array(z.enum(CONTACT_TYPES)).length(CONTACT_TYPES.length),
    fallback: z.object({ type: z.enum(CONTACT_TYPES), confidence: z.number().min(0).max(1) }),
    /** A winning score at or above this is "fully supported"; below it confidence shrinks in proportion. */
    confidentScore: z.number().positive(),
    psychology: z.object({
      keywords: z.record(z.enum(COMPLAINT_PSYCHOLOGIES), z.array(keywordSchema)),
      minScore: z.number().positive(),
    }),
  })
  .superRefine((rules, ctx) => {
    const seenTypes = new Set<string>();
    rules.priority.forEach((type, index) => {
      if (seenTypes.has(type)) {
        ctx.addIssue({ code: 'custom', path: ['priority', index], message: `"${type}" is listed twice` });
      }
      seenTypes.add(type);
    });
    const seenPhrases = new Map<string, string>();
    for (const type of CONTACT_TYPES) {
      rules.keywords[type].forEach((keyword, index) => {
        const key = keyword.phrase.toLowerCase();
        const earlier = seenPhrases.get(key);
        if (earlier) {
          ctx.addIssue({
            code: 'custom',
            path: ['keywords', type, index, 'phrase'],
            message: `"${keyword.phrase}" is already a keyword of ${earlier}`,
          });
        }
        seenPhrases.set(key, type);
      });
    }
  });

export type ClassifierRules = z.infer<typeof classifierRulesSchema>;

export interface RulesIssue {
  path: string;
  message: string;
}

export class ClassifierRulesError extends Error {
  readonly issues: RulesIssue[];

  constructor(issues: RulesIssue[]) {
    super(
      `Invalid classifier rules:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'ClassifierRulesError';
    this.issues = issues;
  }
}

/** Validates an edited rules document; every problem is reported at once, each with its path. */
export function parseClassifierRules(input: unknown): ClassifierRules {
  const result = classifierRulesSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ClassifierRulesError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}

const k = (phrase: string, weight: number): KeywordRule => ({ phrase, weight });

export const DEFAULT_CLASSIFIER_RULES: ClassifierRules = parseClassifierRules({
  version: 1,
  keywords: {
    consultation: [
      k('咨询', 1.5),
      k('询问', 1.5),
      k('请问', 1),
      k('问', 0.5),
      k('怎么', 1),
      k('如何', 1),
      k('怎样', 1),
      k('是否', 0.5),
      k('能不能', 1),
      k('多少', 0.5),
      k('什么', 0.5),
      k('哪些', 0.5),
      k('几点', 0.5),
      k('了解', 1),
      k('查询', 1),
      k('已告知', 1),
      k('已说明', 1),
      k('已解释', 0.5),
      k('ask', 1),
      k('enquir', 1.5),
      k('inquir', 1.5),
      k('question', 1),
      k('how to', 1),
      k('how do', 1),
      k('what', 0.5),
      k('when', 0.5),
      k('wants to know', 1.5),
      k('wanted to know', 1.5),
      k('info given', 1),
      k('explained', 0.5),
      k('told', 0.5),
    ],
    suggestion: [
      k('建议', 2.5),
      k('希望', 1.5),
      k('希望能', 2),
      k('最好', 1.5),
      k('提意见', 2.5),
      k('意见', 1),
      k('提出', 1),
      k('能否', 1),
      k('改进', 2),
      k('增加', 1),
      k('增设', 1.5),
      k('加个', 1),
      k('可以考虑', 1.5),
      k('suggest', 2.5),
      k('would like', 1.5),
      k('would be nice', 2),
      k('recommend', 2),
      k('propose', 2),
      k('feedback', 1.5),
      k('should', 1),
      k('wish', 1.5),
      k('maybe', 0.5),
    ],
    dissatisfaction: [
      k('不满', 2),
      k('不满意', 2),
      k('抱怨', 2),
      k('太慢', 1.5),
      k('失望', 2),
      k('不爽', 2),
      k('吐槽', 2),
      k('嫌', 1.5),
      k('有意见', 2),
      k('生气', 1.5),
      k('不公平', 1.5),
      k('太贵', 1.5),
      k('难用', 1.5),
      k('表示理解', 2),
      k('理解', 0.5),
      k('接受', 1),
      k('认可', 1),
      k('致歉', 1),
      k('已道歉', 1),
      k('情绪缓和', 2),
      k('算了', 1.5),
      k('不追究', 2),
      k('再观察', 1),
      k('等等看', 1),
      k('unhappy', 2),
      k('not happy', 2),
      k('disappointed', 2),
      k('frustrated', 2),
      k('grumbl', 2),
      k('complained', 2),
      k('annoyed', 1.5),
      k('too slow', 1.5),
      k('slow', 1),
      k('expensive', 1),
      k('accepted', 1.5),
      k('calmed down', 2),
      k('satisfied', 1),
      k('apologised', 1),
      k('apologized', 1),
      k('ok with', 1),
    ],
    complaint: [
      k('投诉', 3),
      k('要求投诉', 4),
      k('工信部', 4),
      k('12300', 4),
      k('曝光', 3),
      k('媒体', 2),
      k('微博', 2),
      k('消协', 3.5),
      k('消费者协会', 3.5),
      k('赔偿', 2.5),
      k('补偿', 2),
      k('升级处理', 2.5),
      k('升级工单', 2),
      k('追责', 2.5),
      k('给说法', 2.5),
      k('说法', 1.5),
      k('书面答复', 2),
      k('给答复', 1.5),
      k('不接受', 2),
      k('不听解释', 2.5),
      k('没人管', 2),
      k('多次', 1),
      k('第三次', 1.5),
      k('坚持', 1),
      k('恶劣', 2),
      k('骗钱', 2),
      k('欺骗', 2),
      k('要求道歉', 2.5),
      k('道歉', 1),
      k('退费', 1),
      k('退还', 1),
      k('减免', 1.5),
      k('私自', 2),
      k('未经同意', 2),
      k('乱扣费', 2),
      k('再也不', 1),
      k('情绪激动', 1.5),
      k('发火', 1.5),
      k('骂', 1),
      k('complaint', 3),
      k('formal complaint', 3.5),
      k('miit', 4),
      k('regulator', 3),
      k('consumer association', 3.5),
      k('weibo', 2),
      k('media', 2),
      k('escalat', 2.5),
      k('compensation', 2.5),
      k('compensate', 2.5),
      k('refund', 1.5),
      k('demand', 1.5),
      k('insist', 1.5),
      k('rejects explanation', 3),
      k('rude', 1.5),
      k('apology', 1),
      k('angry', 1.5),
      k('shouting', 1.5),
      k('threaten', 2.5),
      k('report to', 2),
      k('unauthori', 2),
      k('unless', 1),
    ],
    business: [
      k('办理', 2),
      k('已办理', 2.5),
      k('开通', 2),
      k('取消', 1.5),
      k('退订', 2.5),
      k('变更套餐', 3),
      k('变更', 1.5),
      k('改套餐', 2.5),
      k('换套餐', 2),
      k('补卡', 3),
      k('换卡', 2),
      k('续约', 2.5),
      k('停机保号', 3),
      k('复机', 2),
      k('过户', 3),
      k('缴费', 2),
      k('充值', 2),
      k('副卡', 1.5),
      k('加装', 2),
      k('已下单', 2),
      k('生效', 1.5),
      k('已添加', 1.5),
      k('申请', 1.5),
      k('实名', 1),
      k('预约', 1),
      k('cancel', 2),
      k('unsubscrib', 2.5),
      k('activat', 2),
      k('changed plan', 3),
      k('change plan', 3),
      k('plan change', 3),
      k('sim replacement', 3),
      k('replacement', 1.5),
      k('upgrade', 1.5),
      k('renew', 2),
      k('top up', 2),
      k('topped up', 2),
      k('added a', 1.5),
      k('set up', 1.5),
      k('suspend', 1.5),
      k('effective', 1.5),
      k('booked', 1),
    ],
    harassment: [
      k('骚扰', 3),
      k('推销电话', 3),
      k('营销电话', 3),
      k('推销', 2),
      k('营销', 1),
      k('别再打', 3),
      k('不要再打', 3),
      k('不要再联系', 3),
      k('免打扰', 3),
      k('垃圾短信', 3),
      k('广告短信', 3),
      k('诈骗', 2.5),
      k('屏蔽', 2),
      k('拉黑', 2),
      k('黑名单', 2),
      k('拦截', 2),
      k('辱骂坐席', 3.5),
      k('辱骂', 2),
      k('调戏', 3),
      k('恶意', 2),
      k('反复拨打', 2.5),
      k('反复', 1),
      k('无业务诉求', 3),
      k('无具体诉求', 3),
      k('冒充', 2.5),
      k('频繁', 1.5),
      k('轰炸', 2.5),
      k('举报', 1.5),
      k('陌生号码', 1.5),
      k('不说话', 1),
      k('harass', 3),
      k('spam', 3),
      k('telemarketing', 3),
      k('marketing call', 3),
      k('stop calling', 3),
      k("don't call", 3),
      k('do not call', 3),
      k('abusive', 3),
      k('prank', 3),
      k('blacklist', 2.5),
      k('block', 2),
      k('nuisance', 3),
      k('scam', 2.5),
      k('unsolicited', 3),
      k('keeps getting', 1.5),
    ],
  },
  negation: {
    cues: [
      { phrase: '不是', maxGap: 3 },
      { phrase: '不想', maxGap: 3 },
      { phrase: '并非', maxGap: 3 },
      { phrase: '无意', maxGap: 3 },
      { phrase: '没有', maxGap: 2 },
      { phrase: '不用', maxGap: 2 },
      { phrase: '没', maxGap: 1 },
      { phrase: '不', maxGap: 0 },
      { phrase: 'not', maxGap: 12 },
      { phrase: 'no', maxGap: 12 },
      { phrase: 'never', maxGap: 12 },
      { phrase: 'without', maxGap: 12 },
      { phrase: "n't", maxGap: 12 },
    ],
    appliesTo: [...CONTACT_TYPES],
  },
  priority: ['complaint', 'harassment', 'business', 'dissatisfaction', 'suggestion', 'consultation'],
  fallback: { type: 'consultation', confidence: 0.1 },
  confidentScore: 3,
  psychology: {
    minScore: 1,
    keywords: {
      venting: [
        k('发泄', 3),
        k('发火', 2),
        k('情绪激动', 2),
        k('骂', 2),
        k('吵', 1.5),
        k('不听解释', 1.5),
        k('再也不', 1.5),
        k('骗钱', 1),
        k('shouting', 2),
        k('yelling', 2),
        k('swearing', 2),
        k('venting', 3),
        k('ranting', 2),
        k('furious', 1.5),
        k('angry', 1),
      ],
      respect_seeking: [
        k('道歉', 2.5),
        k('说法', 2),
        k('态度', 1.5),
        k('领导', 2),
        k('尊重', 2),
        k('看不起', 2),
        k('当普通用户', 2),
        k('书面答复', 1),
        k('恶劣', 1),
        k('apology', 2.5),
        k('apologise', 2),
        k('rude', 1.5),
        k('manager', 1.5),
        k('respect', 2),
      ],
      compensation_seeking: [
        k('赔偿', 3),
        k('补偿', 3),
        k('退费', 2.5),
        k('退还', 2.5),
        k('减免', 2.5),
        k('差价', 1.5),
        k('损失', 1.5),
        k('refund', 2.5),
        k('compensat', 3),
        k('waive', 2.5),
        k('reimburse', 2.5),
        k('credit', 1.5),
      ],
    },
  },
});
