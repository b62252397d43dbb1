import { mixSeed, type Rng } from './random';

/**
 * Surnames with their share of China's population in per cent (Ministry of Public Security, 2020),
 * raised for the names that are markedly more common in Jiangsu (徐, 朱, 陆, 顾, 钱, 沈, 缪 …).
 */
const SURNAMES: readonly { surname: string; share: number }[] = (
  '王:7.1 李:7.0 张:6.9 刘:5.0 陈:5.0 杨:3.0 黄:2.0 赵:1.8 吴:2.2 周:2.0 徐:2.4 孙:1.6 马:1.0 朱:1.9 胡:1.1 ' +
  '郭:0.9 何:0.8 林:0.8 高:0.9 罗:0.6 郑:0.7 梁:0.6 谢:0.6 宋:0.6 唐:0.7 许:0.8 韩:0.6 冯:0.6 邓:0.5 曹:0.7 ' +
  '彭:0.4 曾:0.3 肖:0.4 田:0.4 董:0.5 袁:0.5 潘:0.5 于:0.4 蒋:0.6 蔡:0.5 余:0.3 杜:0.4 叶:0.5 程:0.4 苏:0.4 ' +
  '魏:0.4 吕:0.4 丁:0.6 任:0.3 沈:0.8 姚:0.5 卢:0.3 姜:0.4 崔:0.3 钟:0.2 谭:0.2 陆:0.9 汪:0.4 范:0.4 金:0.4 ' +
  '石:0.3 廖:0.1 贾:0.3 夏:0.4 韦:0.1 付:0.2 方:0.3 白:0.2 邹:0.3 孟:0.3 熊:0.1 秦:0.3 邱:0.2 江:0.3 尹:0.2 ' +
  '薛:0.3 闫:0.2 段:0.1 雷:0.1 侯:0.2 史:0.3 陶:0.3 贺:0.1 顾:0.8 毛:0.2 郝:0.1 龚:0.2 邵:0.3 万:0.2 钱:0.6 ' +
  '严:0.3 戴:0.4 孔:0.2 汤:0.3 缪:0.15 储:0.1 欧阳:0.05 诸葛:0.01 司马:0.01'
)
  .split(' ')
  .map((entry) => {
    const [surname = '', share = '0'] = entry.split(':');
    return { surname, share: Number(share) };
  });

const words = (text: string): readonly string[] => text.split(' ');

type NamePool = { double: readonly string[]; single: readonly string[]; singleShare: number };
type EraPools = { male: NamePool; female: NamePool };

/** Given names follow fashion: a 1955 baby was 建国 or 秀英, a 2000 baby 浩然 or 欣怡. */
const ERAS: readonly { bornBefore: number; pools: EraPools }[] = [
  {
    bornBefore: 1970,
    pools: {
      male: {
        double: words(
          '建国 建华 国强 国平 志强 志明 德明 卫东 学军 振华 福生 宝林 长青 红军 海林 金山 春生 建军',
        ),
        single: words('军 强 勇 斌 平 明 华 忠 林 刚'),
        singleShare: 0.35,
      },
      female: {
        double: words('秀英 桂英 秀兰 玉兰 桂兰 凤英 美华 淑珍 玉珍 红梅 丽华 秀珍 翠萍 桂芳 金凤'),
        single: words('英 芳 兰 珍 梅 萍 霞'),
        singleShare: 0.3,
      },
    },
  },
  {
    bornBefore: 1990,
    pools: {
      male: {
        double: words('志刚 海涛 建平 晓东 永刚 立新 卫国 文杰 俊峰 鹏飞 晓明 志勇 海波 建峰 国栋'),
        single: words('伟 磊 涛 杰 军 勇 斌 鹏 超 刚 波 辉 峰 亮 健'),
        singleShare: 0.45,
      },
      female: {
        double: words('丽娟 晓燕 春燕 海燕 丽萍 晓红 艳华 雪梅 秀梅 玉梅 静怡 小红 丽丽 婷婷 晓丽'),
        single: words('丽 敏 静 燕 艳 娟 霞 芳 红 玲 洁 琳'),
        singleShare: 0.4,
      },
    },
  },
  {
    bornBefore: 10_000,
    pools: {
      male: {
        double: words(
          '浩然 子豪 宇轩 俊杰 一鸣 梓睿 浩宇 子轩 博文 皓轩 天佑 明轩 思远 嘉豪 家乐 宇航 晨阳 俊熙',
        ),
        single: words('浩 宇 轩 博 晨 阳 凯 昊 睿 航'),
        singleShare: 0.15,
      },
      female: {
        double: words('欣怡 梓涵 诗涵 雨桐 一诺 子涵 可馨 思琪 语嫣 梦瑶 紫萱 佳怡 雨萱 心怡 欣妍 诗琪 若曦'),
        single: words('婷 雪 琪 悦 妍 璐 瑶 萌 颖 倩'),
        singleShare: 0.15,
      },
    },
  },
];

export type Gender = 'M' | 'F';

export function drawName(rng: Rng, gender: Gender, birthYear: number): string {
  const { surname } = rng.weighted(SURNAMES, (s) => s.share);
  const era = ERAS.find((e) => birthYear < e.bornBefore) ?? ERAS[ERAS.length - 1];
  if (!era) throw new Error('no name era');
  const pool = gender === 'M' ? era.pools.male : era.pools.female;
  const given = rng.chance(pool.singleShare) ? rng.pick(pool.single) : rng.pick(pool.double);
  return `${surname}${given}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The 18th character of a resident ID: ISO 7064 MOD 11-2 over the first 17 digits (GB 11643). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS.charAt(sum % 11);
}

/** Region code + birth date + a sequence whose last digit is odd for men and even for women. */
export function drawIdNumber(rng: Rng, regionCode: string, birthDate: string, gender: Gender): string {
  const sequence = rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0);
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckDigit(first17)}`;
}

/**
 * China Mobile number segments and the year each opened. A newcomer may get any segment open by
 * then (old numbers are recycled), but a subscriber since 2003 cannot hold a 198 number.
 */
const PREFIXES: readonly { prefix: string; since: number; weight: number }[] = [
  { prefix: '134', since: 1997, weight: 1 },
  { prefix: '135', since: 1997, weight: 1 },
  { prefix: '136', since: 1998, weight: 1 },
  { prefix: '137', since: 1998, weight: 1 },
  { prefix: '138', since: 1997, weight: 1.2 },
  { prefix: '139', since: 1997, weight: 1.2 },
  { prefix: '147', since: 2008, weight: 0.3 },
  { prefix: '150', since: 2007, weight: 1 },
  { prefix: '151', since: 2008, weight: 1 },
  { prefix: '152', since: 2008, weight: 1 },
  { prefix: '157', since: 2008, weight: 0.6 },
  { prefix: '158', since: 2006, weight: 1 },
  { prefix: '159', since: 2006, weight: 1 },
  { prefix: '178', since: 2014, weight: 0.8 },
  { prefix: '182', since: 2010, weight: 1 },
  { prefix: '183', since: 2011, weight: 1 },
  { prefix: '184', since: 2011, weight: 0.5 },
  { prefix: '187', since: 2009, weight: 1 },
  { prefix: '188', since: 2009, weight: 1 },
  { prefix: '195', since: 2019, weight: 0.8 },
  { prefix: '197', since: 2021, weight: 0.6 },
  { prefix: '198', since: 2017, weight: 1 },
];

export const CHINA_MOBILE_PREFIXES: readonly string[] = PREFIXES.map((p) => p.prefix);

const HALF = 10_000;

/**
 * The eight digits after the prefix: a four-round Feistel permutation of the subscriber index over
 * 0 … 99,999,999. A permutation cannot repeat, so numbers are unique whatever prefixes are drawn,
 * without remembering the numbers already given out (constant memory at any size).
 */
export function subscriberNumberSuffix(index: number, seed: number): string {
  let left = Math.floor(index / HALF) % HALF;
  let right = index % HALF;
  for (let round = 0; round < 4; round += 1) {
    const next = (left + ((mixSeed(seed, round, right) >>> 0) % HALF)) % HALF;
    left = right;
    right = next;
  }
  return `${String(left).padStart(4, '0')}${String(right).padStart(4, '0')}`;
}

export function drawMsisdn(rng: Rng, index: number, seed: number, joinYear: number): string {
  const open = PREFIXES.filter((p) => p.since <= joinYear);
  const choice = open.length > 0 ? rng.weighted(open, (p) => p.weight).prefix : '139';
  return `${choice}${subscriberNumberSuffix(index, seed)}`;
}
