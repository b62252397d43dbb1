// A hand-labelled sample of agent notes used to measure the contact-type classifier.
// The notes were written before the rules, in the style phone managers and hotline agents use (short,
// colloquial, numbers masked). `split: 'heldout'` marks notes that were never looked at while tuning
// the rules; their accuracy is reported separately and is the honest estimate.
import type { ComplaintPsychology, ContactType } from '#src/features/contacts/classifier/classifier-rules';

export type SampleSplit = 'tune' | 'heldout';
export type SampleLanguage = 'zh' | 'en';

export interface LabelledNote {
  text: string;
  type: ContactType;
  lang: SampleLanguage;
  split: SampleSplit;
  /** Only for complaints where the note shows it. */
  psychology?: ComplaintPsychology;
}

function zh(
  text: string,
  type: ContactType,
  split: SampleSplit = 'tune',
  psychology?: ComplaintPsychology,
): LabelledNote {
  return psychology ? { text, type, lang: 'zh', split, psychology } : { text, type, lang: 'zh', split };
}

function en(
  text: string,
  type: ContactType,
  split: SampleSplit = 'tune',
  psychology?: ComplaintPsychology,
): LabelledNote {
  return psychology ? { text, type, lang: 'en', split, psychology } : { text, type, lang: 'en', split };
}

const H: SampleSplit = 'heldout';

export const LABELLED_SAMPLE: readonly LabelledNote[] = [
  // consultation 咨询
  zh('客户来电问国际漫游怎么开,下周去泰国,已告知资费及开通方式', 'consultation'),
  zh('138****1234 询问本月话费为啥比上月多20元,查了是流量超出,已解释', 'consultation'),
  zh('问5G套餐有哪些档位,想先了解一下,暂不办', 'consultation', H),
  zh('客户问宽带几号到期,查询为明年3月,已告知', 'consultation'),
  zh('请问积分能换什么?已告知积分商城入口', 'consultation'),
  zh('咨询携号转网条件,告知需无欠费、无在约合约', 'consultation', H),
  zh('客户问副卡能不能共享主卡流量,已解释', 'consultation'),
  zh('询问家里老人手机怎么设置来电提醒', 'consultation'),
  zh('客户说不是要投诉,就想问下上月那笔10元是什么费用,查为彩铃月费,解释后明白', 'consultation', H),
  zh('问营业厅周末几点开门', 'consultation'),
  zh('想了解亲情网怎么收费,暂不办理', 'consultation'),
  zh('客户咨询合约到期后套餐会不会自动变,已说明', 'consultation', H),
  zh('139****5678 问流量还剩多少,告知剩余3.2G', 'consultation'),
  zh('客户问去香港出差用啥资费划算,介绍了日包', 'consultation'),
  zh('问发票怎么开,告知APP路径', 'consultation', H),
  en('Customer asked how to check remaining data, walked her through the app', 'consultation'),
  en('Asked about roaming rates for Japan trip next month, info given', 'consultation'),
  en('Wanted to know when contract ends. Told 2027-03, no action', 'consultation', H),
  en(
    "Said it's not a complaint, just wants to know what the 5 yuan charge is. Explained (caller tune)",
    'consultation',
  ),
  en('Question about family plan sharing rules, explained', 'consultation'),
  en('Enquiry: what documents are needed to transfer the number to his wife', 'consultation', H),

  // suggestion 建议
  zh('客户建议APP账单页加个流量明细图,看着方便', 'suggestion'),
  zh('希望能增加晚上10点以后的人工客服', 'suggestion'),
  zh('客户反映营业厅叫号屏太小,建议换个大点的', 'suggestion', H),
  zh('客户说最好能短信提醒合约快到期了', 'suggestion'),
  zh('建议老用户也能参加新用户优惠,语气平和', 'suggestion'),
  zh('希望宽带报装能在APP上自己选上门时间', 'suggestion', H),
  zh('客户提意见:积分过期前能不能提前一个月通知', 'suggestion'),
  zh('客户建议套餐里加个视频会员可选项', 'suggestion'),
  zh('客户觉得家庭网最多5人太少,希望放宽到8人', 'suggestion', H),
  zh('希望10086语音菜单能简化点,按键太多', 'suggestion'),
  zh('客户提出能否在小区增设一台自助缴费机', 'suggestion'),
  zh('138****9012 建议账单改成邮件寄送,纸质浪费', 'suggestion', H),
  zh('客户建议出国开通漫游后自动发条资费提醒', 'suggestion'),
  zh('希望客户经理每季度主动打个电话讲讲新套餐', 'suggestion'),
  zh('客户建议营业厅加个老年人专窗', 'suggestion', H),
  en('Suggested adding a dark mode to the app', 'suggestion'),
  en('Customer would like a reminder SMS before data runs out', 'suggestion'),
  en("It would be nice if loyalty points didn't expire, customer said. Calm call", 'suggestion', H),
  en('Recommends we offer weekend installation slots for broadband', 'suggestion'),
  en("Customer proposes a cheaper add-on for parents' numbers", 'suggestion'),
  en('Feedback: hold music too loud, maybe turn it down', 'suggestion', H),

  // dissatisfaction 不满 (settled by explanation)
  zh('客户对上月流量超额扣费不满意,解释计费规则后表示理解', 'dissatisfaction'),
  zh('抱怨家里信号差,已解释基站在优化,客户说先等等看', 'dissatisfaction'),
  zh('客户说你们宽带装机太慢了,等了5天,已催单,客户接受', 'dissatisfaction', H),
  zh('客户嫌套餐越用越贵,有点失望,解释优惠到期后接受', 'dissatisfaction'),
  zh('客户不满排队等了半小时,致歉后客户没再说什么', 'dissatisfaction'),
  zh('客户抱怨老用户没优惠不公平,介绍老客户专享后情绪缓和', 'dissatisfaction', H),
  zh('嫌客服电话打不进,等太久,说明是高峰期,客户理解', 'dissatisfaction'),
  zh('客户觉得网速太慢,晚上看视频卡,已登记测速,客户说再观察', 'dissatisfaction'),
  zh('对扣了3元短信费有意见,解释是国际短信后客户认可', 'dissatisfaction', H),
  zh('客户有点生气,说合约机比外面贵,解释含话费补贴后接受', 'dissatisfaction'),
  zh('客户说不投诉,就是吐槽下营业员态度冷淡,已致歉', 'dissatisfaction'),
  zh('客户对积分清零很不爽,解释规则后表示下次注意', 'dissatisfaction', H),
  zh('客户嫌APP太难用,找不到账单,已指导', 'dissatisfaction'),
  zh('139****3344 抱怨漫游费贵,说就是说说,不追究', 'dissatisfaction'),
  zh('客户对上门师傅迟到1小时不满,已道歉,客户表示算了', 'dissatisfaction', H),
  en('Unhappy about slow broadband at night, explained congestion, accepted', 'dissatisfaction'),
  en('Customer complained about long wait time but no formal complaint; apologised', 'dissatisfaction'),
  en('Disappointed the promo ended, explained, customer OK with it', 'dissatisfaction', H),
  en('Grumbled about bill being higher, went through items, satisfied', 'dissatisfaction'),
  en('Customer frustrated with app login, reset done, calmed down', 'dissatisfaction'),
  en('Not happy with data speed in the office, agreed to wait for optimisation', 'dissatisfaction', H),

  // complaint 投诉 (needs resolution)
  zh('客户要求投诉,家里没信号两个月,多次报修没人管,要求今天给答复', 'complaint'),
  zh(
    '客户称没办过却被扣了3个月视频会员费,要求退费并赔偿,不处理就打12300',
    'complaint',
    'tune',
    'compensation_seeking',
  ),
  zh('客户情绪激动,骂了十几分钟,说营业员态度恶劣,要求营业员道歉', 'complaint', H, 'respect_seeking'),
  zh('客户说再不解决就去工信部投诉,宽带断网一周了', 'complaint'),
  zh(
    '客户反映被私自变更套餐,要求恢复原套餐并退还差价,已升级工单',
    'complaint',
    'tune',
    'compensation_seeking',
  ),
  zh('客户说要曝光到微博,合约机退不了', 'complaint', H),
  zh(
    '138****7788 全球通钻石卡客户,说被当普通用户对待,要求领导出面给个说法',
    'complaint',
    'tune',
    'respect_seeking',
  ),
  zh('客户来电一直发火,说移动就是骗钱,不听解释,已记录投诉', 'complaint', 'tune', 'venting'),
  zh('客户第三次来电投诉宽带故障未修复,要求减免月费', 'complaint', H, 'compensation_seeking'),
  zh('客户坚持投诉客户经理推销时承诺的优惠没兑现,要求书面答复', 'complaint'),
  zh('客户对解释不接受,要求升级处理,称要找消协', 'complaint'),
  zh('客户要求赔偿因停机耽误的生意损失', 'complaint', H, 'compensation_seeking'),
  zh('客户投诉外呼人员说话难听,要求对方道歉给个说法', 'complaint', 'tune', 'respect_seeking'),
  zh('客户发泄情绪,说再也不信移动了,骂完就挂', 'complaint', 'tune', 'venting'),
  zh('号码被误停机两天,客户要求补偿并追责', 'complaint', H, 'compensation_seeking'),
  en('Customer wants to file a formal complaint, no signal at home for 3 weeks', 'complaint'),
  en(
    "Threatens to report to MIIT if the double charge isn't refunded",
    'complaint',
    'tune',
    'compensation_seeking',
  ),
  en(
    'Customer demanded refund and compensation for 5 days of outage',
    'complaint',
    H,
    'compensation_seeking',
  ),
  en(
    'Very angry, shouting, said store staff were rude and wants an apology from the manager',
    'complaint',
    'tune',
    'respect_seeking',
  ),
  en(
    'Escalated: rejects explanation, insists on a complaint ticket about unauthorised VAS charges',
    'complaint',
  ),
  en("Says she'll go to the consumer association and post on Weibo unless fixed", 'complaint', H),

  // business 业务办理
  zh('客户办理补卡,已告知带身份证去营业厅', 'business'),
  zh('帮客户开通国际漫游,已生效', 'business'),
  zh('客户要求取消彩铃,已退订', 'business', H),
  zh('变更套餐为128元5G套餐,下月生效', 'business'),
  zh('客户办理宽带续约两年', 'business'),
  zh('客户要停机保号,已办理', 'business', H),
  zh('退订10元视频流量包,客户说不想投诉了,扣的钱就算了', 'business'),
  zh('139****2211 开通副卡一张,绑定主卡共享', 'business'),
  zh('客户要加装一个机顶盒,已下单约周六上门', 'business', H),
  zh('客户办理过户给女儿,已预约营业厅', 'business'),
  zh('客户对流量包不满意要求退订,已办理退订', 'business'),
  zh('帮客户办理携号转入后的实名补登', 'business', H),
  zh('客户缴费100元,已到账', 'business'),
  zh('客户申请开电子发票,已推送', 'business'),
  zh('客户要在家庭网里加一个号码,已添加', 'business', H),
  en("Cancelled the 10 GB add-on at customer's request", 'business'),
  en('Changed plan to 5G 199, effective next month', 'business'),
  en('SIM replacement requested, lost phone; suspended line and booked a store visit', 'business', H),
  en('Activated international roaming, customer travelling to UK', 'business'),
  en('Customer upset about the charge, so unsubscribed the video VAS for him', 'business'),
  en('Added a secondary line and set up data sharing', 'business', H),

  // harassment 骚扰
  zh('客户称每天接到推销电话,要求别再打了', 'harassment'),
  zh('客户反映老收到垃圾短信,要求屏蔽', 'harassment'),
  zh('客户说你们外呼太频繁,一周打了4次,要求加入免打扰', 'harassment', H),
  zh('来电者无业务诉求,反复骚扰坐席,言语不当,已按流程挂机', 'harassment'),
  zh('客户连续拨打10086二十多次,辱骂坐席,无具体诉求', 'harassment'),
  zh('客户被陌生号码骚扰,要求查号码归属并拉黑', 'harassment', H),
  zh('客户要求以后不要再给他打营销电话', 'harassment'),
  zh('收到贷款诈骗短信,客户举报号码', 'harassment'),
  zh('来电者深夜反复打进来调戏女坐席,已记录黑名单', 'harassment', H),
  zh('客户说天天有骚扰电话,要求拦截', 'harassment'),
  zh('客户称被外呼营销烦死了,要求删除号码不要再联系', 'harassment'),
  zh('138****6655 反映被广告短信轰炸,每天十几条', 'harassment', H),
  zh('来电不说话,反复拨打挂断,已记录', 'harassment'),
  zh('客户说有人冒充移动打电话推销,要求核实处理', 'harassment'),
  zh('客户投诉一直收到推销短信', 'harassment', H),
  en('Asked us to stop calling him with offers, add to do-not-call list', 'harassment'),
  en('Receiving spam SMS daily, wants them blocked', 'harassment'),
  en('Caller abusive to agent, no actual request, call ended per policy', 'harassment', H),
  en('Customer keeps getting telemarketing calls from 95 numbers, wants them stopped', 'harassment'),
  en('Prank caller rang 15 times in an hour, blacklisted', 'harassment'),
  en("Don't call me again, customer said, third marketing call this week", 'harassment', H),
];
