import type { Database } from '#src/db/client';
import { scripts } from '#src/db/schema/offers';
import type { ScriptContent, ScriptScenario } from './script-content';

export type SeedScript = {
  code: string;
  scenario: ScriptScenario;
  titleZh: string;
  titleEn: string;
  content: ScriptContent;
};

/*
 * The six scripts every campaign and offer points at (shared codes). Written from the training
 * material [000][004]: the first sentence earns trust (name, who is calling, why, may I), the
 * thirty-second principle (the point within half a minute), "zero-complaint" tariff disclosure (fee,
 * start, validity, how to leave, written confirmation), fewer chances to say no (choices instead of
 * yes/no questions), objections answered by decomposing the price, adding value, future need, scene
 * extension and service comparison, and closing by the assumed close or a choice of two.
 */

const retentionServiceMarketing: SeedScript = {
  code: 'retention_service_marketing',
  scenario: 'service_marketing',
  titleZh: '维系服务营销外呼',
  titleEn: 'Retention call: service marketing',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}{serviceNumber}的专属客户经理{agentName}。感谢您一直以来对我们的支持。今天想根据您最近三个月的实际使用情况，免费为您做一次消费分析，大约占用您一分钟，您看现在方便吗？',
      purpose:
        '我看了一下，您现在用的是{planName}，最近三个月有一部分费用花在了套餐外。如果换成{offerName}，按您的实际用量算，每月能省下约{savingYuan}元，通话和流量也都够用。这个方案是专门为在网的老客户准备的。',
      disclosure:
        '跟您说明一下资费：{offerName}每月{offerFeeYuan}元，下个月1日起生效，优惠有效期到{offerValidUntil}，到期前我们会短信提醒您。办理后不收取其他费用，号码和原有业务都保留。办理成功后您会收到{serviceNumber}发送的确认短信，上面写明全部资费。',
      objections: [
        {
          trigger: 'price',
          response:
            '我理解您对费用很在意。我们算一笔细账：{offerName}每月{offerFeeYuan}元，按您的用量，总的花费反而比现在每月少约{savingYuan}元，平摊到每一天更是微乎其微，还多了通话和流量。',
        },
        {
          trigger: 'need',
          response:
            '您现在的用量确实够用。我们也留意到您的流量这几个月一直在增长，提前准备好，等真正用到的时候就不用再额外付套餐外的费用；家里人出门、孩子上网课也都用得上。',
        },
        {
          trigger: 'busy',
          response:
            '不好意思打扰您了。我只说最重要的一句：按您的用量每月能省约{savingYuan}元。您看今天下午还是明天上午方便，我再给您详细介绍？',
        },
        {
          trigger: 'think_about_it',
          response:
            '您慎重考虑是对的。请问您主要是在考虑费用，还是使用上的问题？我先把方案和资费用短信发给您，明天上午我再给您回个电话，您看可以吗？',
        },
        {
          trigger: 'send_info',
          response:
            '好的，我马上把方案和资费明细用短信发给您，发送号码是{serviceNumber}。您看完有任何问题，直接回复短信或者拨打{serviceNumber}都能找到我。',
        },
        {
          trigger: 'no_change',
          response:
            '您用习惯了现在的套餐，我很理解。这次调整不换号、不换卡，原有的业务都保留，只是让您每月少花一些冤枉钱。',
        },
      ],
      closing:
        '那我就按{offerName}给您登记，您看是下个月1日生效，还是等这个月的账单出来后再生效？办理成功后您会收到确认短信。感谢您的支持，祝您生活愉快！',
    },
    en: {
      opening:
        "Hello {subscriberName}, this is {agentName}, your dedicated account manager at {operatorName} {serviceNumber}. Thank you for staying with us. I'd like to give you a free analysis of your spending over the last three months; it takes about a minute. Is now a good time?",
      purpose:
        "I've looked at your account: you are on {planName}, and over the last three months part of your spending went on charges outside the plan. With {offerName}, based on how you actually use your phone, you would save about {savingYuan} yuan a month, with enough calls and data. This plan is reserved for long-standing customers.",
      disclosure:
        'Here are the charges: {offerName} costs {offerFeeYuan} yuan a month, starts on the 1st of next month and the offer runs until {offerValidUntil}; we will send you a text before it ends. There are no other charges, and you keep your number and all your services. Once it is done you will get a confirmation text from {serviceNumber} listing every charge.',
      objections: [
        {
          trigger: 'price',
          response:
            'I understand cost matters to you. Let us work it out: {offerName} is {offerFeeYuan} yuan a month, and for your usage your total bill would be about {savingYuan} yuan a month lower than now. Spread over each day it is very little, and you get more calls and data.',
        },
        {
          trigger: 'need',
          response:
            "Your current allowance is enough today. We have also noticed your data use growing over the last few months; with this in place you won't pay extra charges when you do need more, and your family can use it when travelling or for online classes.",
        },
        {
          trigger: 'busy',
          response:
            'Sorry to catch you at a busy moment. Just the key point: for your usage you would save about {savingYuan} yuan a month. Would this afternoon or tomorrow morning suit you better for the details?',
        },
        {
          trigger: 'think_about_it',
          response:
            "It's wise to think it over. Is it mainly the cost, or how the plan would work for you? I'll text you the plan and its charges now and call you back tomorrow morning, if that suits you.",
        },
        {
          trigger: 'send_info',
          response:
            'Of course. I will text you the plan and the full charges right away from {serviceNumber}. If anything is unclear, reply to the text or call {serviceNumber} and you will reach me.',
        },
        {
          trigger: 'no_change',
          response:
            'I understand you are used to your current plan. Nothing changes about your number or SIM card, and all your services stay; you simply stop paying for charges you do not need.',
        },
      ],
      closing:
        "Then I'll register {offerName} for you. Would you like it to start on the 1st of next month, or after this month's bill comes out? You will get a confirmation text once it is done. Thank you for your support, and have a good day!",
    },
  },
};

const retentionCompetitorWinback: SeedScript = {
  code: 'retention_competitor_winback',
  scenario: 'competitor_winback',
  titleZh: '竞争对手策反挽留',
  titleEn: 'Retention call: competitor win-back',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}的客户经理{agentName}。您是我们的老客户了，特别感谢您这些年的信任。今天打电话，是想专门听听您对我们网络和服务的意见，顺便告诉您一个老客户专享的方案，大约一分钟，您看方便吗？',
      purpose:
        '最近不少客户都在比较各家的套餐。我们为在网的老客户准备了{offerName}，每月{offerFeeYuan}元，按您最近三个月的用量，比现在每月能省约{savingYuan}元。号码、积分、网龄和VIP服务全部保留，您不需要做任何改变。',
      disclosure:
        '资费跟您说清楚：{offerName}每月{offerFeeYuan}元，下个月1日起生效，优惠有效期到{offerValidUntil}，到期前我们会短信提醒您。除此之外不收取其他费用。办理后您会收到{serviceNumber}发送的确认短信，上面写明全部资费。',
      objections: [
        {
          trigger: 'competitor',
          response:
            '其他公司的套餐确实有它的优惠，我们可以一起比一比总的花费和服务：换号以后，积分、网龄和VIP服务都要从头开始，还要一一通知亲友和各种账户改号码；留在这里，您继续享受专属客户经理和VIP服务，有问题一个电话就能找到我。按您的用量，{offerName}每月{offerFeeYuan}元，总花费并不比别家高。',
        },
        {
          trigger: 'price',
          response:
            '我理解，费用是您最关心的。按您的实际用量，{offerName}每月能省约{savingYuan}元，一年下来就是一笔不小的节省，而且网龄和积分带来的权益还在。',
        },
        {
          trigger: 'hassle',
          response: '您完全不用跑营业厅，电话里就能办好，我全程帮您处理，办好后会有短信通知您。',
        },
        {
          trigger: 'distrust',
          response:
            '您有顾虑很正常。我是{operatorName}的客户经理{agentName}，您可以挂机后拨打{serviceNumber}核实我的身份。所有资费都会以短信形式发给您，您确认后我们再办理。',
        },
        {
          trigger: 'think_about_it',
          response:
            '应该的，这是您自己的事，慎重一点好。我先把两边的花费对比用短信发给您，您看明天还是后天，我再给您打个电话？',
        },
      ],
      closing:
        '为了保留您的网龄和积分，我现在就帮您把{offerName}预约上，您看是这个月生效，还是下个月1日生效？感谢您一直以来的信任，有任何问题随时找我。',
    },
    en: {
      opening:
        "Hello {subscriberName}, this is {agentName}, your account manager at {operatorName}. You have been with us for years, and we are grateful for your trust. I'm calling to hear what you think of our network and service, and to tell you about a plan reserved for long-standing customers. It takes about a minute; is now a good time?",
      purpose:
        'Many customers are comparing plans these days. For long-standing customers we have {offerName} at {offerFeeYuan} yuan a month; based on your last three months, that is about {savingYuan} yuan a month less than now. You keep your number, points, years of service and VIP service, and nothing else changes.',
      disclosure:
        'To be clear about the charges: {offerName} costs {offerFeeYuan} yuan a month, starts on the 1st of next month and the offer runs until {offerValidUntil}; we will text you before it ends. There are no other charges. You will get a confirmation text from {serviceNumber} listing every charge.',
      objections: [
        {
          trigger: 'competitor',
          response:
            "The other company's plan does have its attractions, so let us compare the total cost and the service. With a new number your points, years of service and VIP service start from zero, and friends, family and every account need to be told about the change. Staying here, you keep your dedicated account manager and VIP service, and you can reach me with one call. For your usage, {offerName} at {offerFeeYuan} yuan a month costs no more in total.",
        },
        {
          trigger: 'price',
          response:
            'I understand cost is what matters most. For your actual usage {offerName} saves about {savingYuan} yuan a month, which adds up over a year, and you keep the benefits of your years of service and points.',
        },
        {
          trigger: 'hassle',
          response:
            "There's no need to visit a shop: it can be done on this call. I'll handle everything and you'll get a text when it is done.",
        },
        {
          trigger: 'distrust',
          response:
            "It's right to be careful. I am {agentName}, an account manager at {operatorName}; you can hang up and call {serviceNumber} to check who I am. Every charge will be sent to you by text, and we only go ahead once you confirm.",
        },
        {
          trigger: 'think_about_it',
          response:
            "Of course, it's your decision and worth thinking over. I'll text you a comparison of the costs; shall I call you back tomorrow or the day after?",
        },
      ],
      closing:
        'To keep your years of service and points, I can book {offerName} for you now. Would you like it to start this month or on the 1st of next month? Thank you for your trust; call me any time you need anything.',
    },
  },
};

const careRevisit: SeedScript = {
  code: 'care_revisit',
  scenario: 'revisit',
  titleZh: '业务办理回访',
  titleEn: 'Care call: revisit after business handled',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}的客户经理{agentName}。您前几天办理了{businessName}，今天想回访一下您的使用情况，耽误您一分钟可以吗？',
      purpose:
        '请问{businessName}开通后用得怎么样？资费和当时介绍的一致吗？有没有哪里用得不顺手，或者您觉得我们哪里还可以做得更好？',
      disclosure: '这次回访只是了解您的使用感受，不办理任何新业务，也不会产生任何费用。',
      objections: [
        {
          trigger: 'busy',
          response: '不好意思打扰您了。您看今天晚些时候还是明天，什么时间方便，我再给您打过来？',
        },
        {
          trigger: 'distrust',
          response:
            '您有顾虑很正常。我是{operatorName}的客户经理{agentName}，您可以挂机后拨打{serviceNumber}核实。这次回访不会询问您的密码或验证码。',
        },
      ],
      closing:
        '谢谢您的反馈，我都记下来了。您以后使用中有任何问题，直接拨打{serviceNumber}或者回复短信都能找到我。祝您生活愉快，再见！',
    },
    en: {
      opening:
        'Hello {subscriberName}, this is {agentName}, your account manager at {operatorName}. You set up {businessName} a few days ago, and I am calling to see how it is going. May I have one minute?',
      purpose:
        'How has {businessName} been working for you? Are the charges what you were told? Is there anything awkward to use, or anything you feel we could do better?',
      disclosure:
        'This call is only about how things are going for you: nothing new will be set up and nothing will be charged.',
      objections: [
        {
          trigger: 'busy',
          response:
            'Sorry to disturb you. When would suit you better, later today or tomorrow? I will call you then.',
        },
        {
          trigger: 'distrust',
          response:
            'It is right to be careful. I am {agentName}, an account manager at {operatorName}; you can hang up and call {serviceNumber} to check. This call will never ask for your password or a verification code.',
        },
      ],
      closing:
        'Thank you for your feedback; I have noted everything. If anything comes up, call {serviceNumber} or reply to our text and you will reach me. Have a good day, goodbye!',
    },
  },
};

const careKeyMoment: SeedScript = {
  code: 'care_key_moment',
  scenario: 'care',
  titleZh: '关键时刻关怀',
  titleEn: 'Care call: key moment',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}的专属客户经理{agentName}。今天给您打电话，是因为{occasion}，想第一时间问候您一下。',
      purpose:
        '我们为您准备了一份小心意：{offerName}，不需要您做任何操作，稍后会用短信告诉您领取方式。另外也想问问您，最近用手机有没有什么不方便的地方，我可以马上帮您处理。',
      disclosure: '这份关怀礼遇是免费的，不会改变您现在的套餐和资费，也不会开通任何收费业务。',
      objections: [
        {
          trigger: 'busy',
          response: '不好意思打扰您了，祝福送到就好。礼遇的领取方式我用短信发给您，您有空时看一下。',
        },
        {
          trigger: 'need',
          response: '好的，尊重您的意见，这次就不给您安排了。以后您有任何需要，随时找我就好。',
        },
        {
          trigger: 'distrust',
          response:
            '您有顾虑很正常。我是{operatorName}的客户经理{agentName}，您可以挂机后拨打{serviceNumber}核实。这次来电不会询问您的密码或验证码，也不会让您转账。',
        },
      ],
      closing: '感谢您一直以来的支持。您有任何需要，随时拨打{serviceNumber}找我。祝您和家人一切顺利，再见！',
    },
    en: {
      opening:
        'Hello {subscriberName}, this is {agentName}, your dedicated account manager at {operatorName}. I am calling because {occasion}, and I wanted to be the first to send you our best wishes.',
      purpose:
        "We have prepared a small gift for you: {offerName}. There's nothing you need to do; we will text you how to collect it. I'd also like to ask whether anything has been inconvenient with your phone lately; I can sort it out right away.",
      disclosure:
        'This gift is free of charge. It does not change your plan or charges, and no paid service will be switched on.',
      objections: [
        {
          trigger: 'busy',
          response:
            "Sorry to disturb you; I just wanted to pass on our wishes. I'll text you how to collect the gift so you can look when you have time.",
        },
        {
          trigger: 'need',
          response:
            'Of course, I respect that and will not arrange it this time. Whenever you need anything, just call me.',
        },
        {
          trigger: 'distrust',
          response:
            'It is right to be careful. I am {agentName}, an account manager at {operatorName}; you can hang up and call {serviceNumber} to check. This call will never ask for a password, a verification code or a payment.',
        },
      ],
      closing:
        'Thank you for all your support. If you need anything, call {serviceNumber} and ask for me. Best wishes to you and your family, goodbye!',
    },
  },
};

const upsellNewBusiness: SeedScript = {
  code: 'upsell_new_business',
  scenario: 'new_business',
  titleZh: '新业务推介',
  titleEn: 'Upsell call: new business',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}的客户经理{agentName}。根据您和家人的使用习惯，我们有一项新业务很适合您，想用30秒给您介绍一下，您看方便吗？',
      purpose:
        '{offerName}每月{offerFeeYuan}元，家里人可以共享流量和通话，宽带和电视也能一起办，一张账单全家用。按您家里现在的用量，比分开办每月能省约{savingYuan}元。',
      disclosure:
        '资费跟您说清楚：{offerName}每月{offerFeeYuan}元，下个月1日起生效，优惠有效期到{offerValidUntil}。原有号码不变，除此之外不收取其他费用。办理后您会收到{serviceNumber}发送的确认短信，上面写明全部资费。',
      objections: [
        {
          trigger: 'price',
          response:
            '我理解。我们把账拆开来看：现在家里几张卡分开交费，加起来比{offerName}每月多约{savingYuan}元；换成全家共享，每个人的流量反而更多了。',
        },
        {
          trigger: 'need',
          response:
            '现在可能还用不上这么多。孩子上网课、家里看电视、出门导航，流量用得会越来越多，先把全家的用量放在一起，以后就不用担心超出的费用了。',
        },
        {
          trigger: 'consult_family',
          response:
            '应该的，毕竟是全家一起用。我把方案和资费用短信发给您，方便您和家人一起看；您看我明天晚上还是后天上午再给您打电话？',
        },
        {
          trigger: 'think_about_it',
          response:
            '好的，您考虑一下是对的。请问您主要在考虑哪一点？是费用、宽带安装，还是家人的号码？我可以先帮您把这一点问清楚。',
        },
        {
          trigger: 'send_info',
          response:
            '好的，我马上把方案和资费明细发到您的手机上，发送号码是{serviceNumber}，您看完有问题随时找我。',
        },
      ],
      closing:
        '那我先帮您预约{offerName}，您看是加上家里两位成员，还是三位？办理成功后您会收到确认短信。感谢您的支持！',
    },
    en: {
      opening:
        'Hello {subscriberName}, this is {agentName}, your account manager at {operatorName}. Based on how you and your family use your phones, we have a new service that suits you well. May I take 30 seconds to tell you about it?',
      purpose:
        "{offerName} costs {offerFeeYuan} yuan a month: your family shares data and minutes, broadband and TV can be included, and it all comes on one bill. For your household's current usage, that is about {savingYuan} yuan a month less than paying separately.",
      disclosure:
        'To be clear about the charges: {offerName} costs {offerFeeYuan} yuan a month, starts on the 1st of next month and the offer runs until {offerValidUntil}. Your numbers stay the same and there are no other charges. You will get a confirmation text from {serviceNumber} listing every charge.',
      objections: [
        {
          trigger: 'price',
          response:
            'I understand. Let us break it down: paying for each card separately comes to about {savingYuan} yuan a month more than {offerName}, and with everything shared each person actually gets more data.',
        },
        {
          trigger: 'need',
          response:
            'You may not use that much yet. Online classes, TV at home and navigation on the road all use more data over time; with the household sharing one allowance you will not need to worry about extra charges.',
        },
        {
          trigger: 'consult_family',
          response:
            "Of course, the whole family will use it. I'll text you the plan and its charges so you can look at them together; shall I call back tomorrow evening or the morning after?",
        },
        {
          trigger: 'think_about_it',
          response:
            "That's sensible. What is the main thing you are weighing up: the cost, the broadband installation, or your family's numbers? I can find out about that for you first.",
        },
        {
          trigger: 'send_info',
          response:
            'Of course. I will send the plan and the full charges to your phone from {serviceNumber}; call me any time with questions.',
        },
      ],
      closing:
        'Then I will book {offerName} for you. Shall I add two family members, or three? You will get a confirmation text once it is done. Thank you for your support!',
    },
  },
};

const questionnaireSatisfaction: SeedScript = {
  code: 'questionnaire_satisfaction',
  scenario: 'questionnaire',
  titleZh: '满意度问卷回访',
  titleEn: 'Questionnaire call: satisfaction',
  content: {
    'zh-CN': {
      opening:
        '{subscriberName}您好！我是{operatorName}的客户经理{agentName}。为了把服务做得更好，想请您花一分钟做一个简短的满意度回访，一共三个问题，您看可以吗？',
      purpose:
        '第一，您对我们最近为您提供的服务满意吗？请用1到5分打分，5分是非常满意。第二，您对网络信号和上网速度满意吗？同样是1到5分。第三，您觉得我们哪方面最需要改进？',
      disclosure: '本次回访不涉及任何业务办理和收费，您的回答只用于改进我们的服务。',
      objections: [
        {
          trigger: 'busy',
          response: '不好意思打扰您了。您看今天晚些时候还是明天，什么时间方便，我再给您打过来？',
        },
        {
          trigger: 'need',
          response: '没关系，尊重您的意见。感谢您接听电话，祝您生活愉快！',
        },
        {
          trigger: 'distrust',
          response:
            '您有顾虑很正常。我是{operatorName}的客户经理{agentName}，您可以挂机后拨打{serviceNumber}核实。回访不会询问您的密码、验证码或任何个人证件信息。',
        },
      ],
      closing:
        '非常感谢您的宝贵意见。您提到的问题我已经记录下来，会尽快反馈给相关部门，有结果后再给您回复。祝您生活愉快，再见！',
    },
    en: {
      opening:
        'Hello {subscriberName}, this is {agentName}, your account manager at {operatorName}. To keep improving our service, may I ask you three short questions about your satisfaction? It takes about a minute.',
      purpose:
        'First, how satisfied are you with the service we have given you recently, on a scale of 1 to 5, where 5 is very satisfied? Second, how satisfied are you with network coverage and data speed, again from 1 to 5? Third, what do you feel we most need to improve?',
      disclosure:
        'This call involves no sign-up and no charges; your answers are used only to improve our service.',
      objections: [
        {
          trigger: 'busy',
          response:
            'Sorry to disturb you. When would suit you better, later today or tomorrow? I will call you then.',
        },
        {
          trigger: 'need',
          response: 'No problem at all, I respect that. Thank you for taking the call, and have a good day!',
        },
        {
          trigger: 'distrust',
          response:
            'It is right to be careful. I am {agentName}, an account manager at {operatorName}; you can hang up and call {serviceNumber} to check. This call will never ask for a password, a verification code or ID details.',
        },
      ],
      closing:
        'Thank you very much for your feedback. I have noted the points you raised and will pass them to the right team, and we will come back to you with the outcome. Have a good day, goodbye!',
    },
  },
};

export const SEED_SCRIPTS: readonly SeedScript[] = [
  retentionServiceMarketing,
  retentionCompetitorWinback,
  careRevisit,
  careKeyMoment,
  upsellNewBusiness,
  questionnaireSatisfaction,
];

/** Inserts the six scripts once; scripts an analyst has edited since are left as they are. */
export async function seedScripts(db: Database): Promise<void> {
  await db
    .insert(scripts)
    .values(SEED_SCRIPTS.map((script) => ({ ...script, version: 1 })))
    .onConflictDoNothing({ target: scripts.code });
}
