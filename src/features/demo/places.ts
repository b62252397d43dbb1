import type { Rng } from './random';

/**
 * The demo operator is China Mobile's Jiangsu company: 13 prefecture-level cities with their real
 * districts and GB/T 2260 division codes (the first six digits of a resident ID issued there).
 * `population` is the 2020 census in millions and weights where subscribers live;
 * `competitorPressure` is how often a competitor's marketing reaches subscribers there in a month
 * (the big southern cities are where China Telecom and China Unicom push hardest).
 */
export type District = { name: string; code: string };
export type City = {
  name: string;
  population: number;
  competitorPressure: number;
  districts: readonly District[];
};

export const PROVINCE = '江苏省';

const d = (name: string, code: string): District => ({ name, code });

export const CITIES: readonly City[] = [
  {
    name: '南京市',
    population: 9.31,
    competitorPressure: 0.07,
    districts: [
      d('玄武区', '320102'),
      d('秦淮区', '320104'),
      d('建邺区', '320105'),
      d('鼓楼区', '320106'),
      d('浦口区', '320111'),
      d('栖霞区', '320113'),
      d('雨花台区', '320114'),
      d('江宁区', '320115'),
      d('六合区', '320116'),
      d('溧水区', '320117'),
      d('高淳区', '320118'),
    ],
  },
  {
    name: '无锡市',
    population: 7.46,
    competitorPressure: 0.06,
    districts: [
      d('锡山区', '320205'),
      d('惠山区', '320206'),
      d('滨湖区', '320211'),
      d('梁溪区', '320213'),
      d('新吴区', '320214'),
      d('江阴市', '320281'),
      d('宜兴市', '320282'),
    ],
  },
  {
    name: '徐州市',
    population: 9.08,
    competitorPressure: 0.05,
    districts: [
      d('鼓楼区', '320302'),
      d('云龙区', '320303'),
      d('贾汪区', '320305'),
      d('泉山区', '320311'),
      d('铜山区', '320312'),
      d('丰县', '320321'),
      d('沛县', '320322'),
      d('睢宁县', '320324'),
      d('新沂市', '320381'),
      d('邳州市', '320382'),
    ],
  },
  {
    name: '常州市',
    population: 5.28,
    competitorPressure: 0.05,
    districts: [
      d('天宁区', '320402'),
      d('钟楼区', '320404'),
      d('新北区', '320411'),
      d('武进区', '320412'),
      d('金坛区', '320413'),
      d('溧阳市', '320481'),
    ],
  },
  {
    name: '苏州市',
    population: 12.75,
    competitorPressure: 0.08,
    districts: [
      d('虎丘区', '320505'),
      d('吴中区', '320506'),
      d('相城区', '320507'),
      d('姑苏区', '320508'),
      d('吴江区', '320509'),
      d('常熟市', '320581'),
      d('张家港市', '320582'),
      d('昆山市', '320583'),
      d('太仓市', '320585'),
    ],
  },
  {
    name: '南通市',
    population: 7.73,
    competitorPressure: 0.04,
    districts: [
      d('崇川区', '320602'),
      d('通州区', '320612'),
      d('海门区', '320614'),
      d('如东县', '320623'),
      d('启东市', '320681'),
      d('如皋市', '320682'),
      d('海安市', '320685'),
    ],
  },
  {
    name: '连云港市',
    population: 4.6,
    competitorPressure: 0.03,
    districts: [
      d('连云区', '320703'),
      d('海州区', '320706'),
      d('赣榆区', '320707'),
      d('东海县', '320722'),
      d('灌云县', '320723'),
      d('灌南县', '320724'),
    ],
  },
  {
    name: '淮安市',
    population: 4.56,
    competitorPressure: 0.03,
    districts: [
      d('淮安区', '320803'),
      d('淮阴区', '320804'),
      d('清江浦区', '320812'),
      d('洪泽区', '320813'),
      d('涟水县', '320826'),
      d('盱眙县', '320830'),
      d('金湖县', '320831'),
    ],
  },
  {
    name: '盐城市',
    population: 6.71,
    competitorPressure: 0.03,
    districts: [
      d('亭湖区', '320902'),
      d('盐都区', '320903'),
      d('大丰区', '320904'),
      d('响水县', '320921'),
      d('滨海县', '320922'),
      d('阜宁县', '320923'),
      d('射阳县', '320924'),
      d('建湖县', '320925'),
      d('东台市', '320981'),
    ],
  },
  {
    name: '扬州市',
    population: 4.56,
    competitorPressure: 0.04,
    districts: [
      d('广陵区', '321002'),
      d('邗江区', '321003'),
      d('江都区', '321012'),
      d('宝应县', '321023'),
      d('仪征市', '321081'),
      d('高邮市', '321084'),
    ],
  },
  {
    name: '镇江市',
    population: 3.21,
    competitorPressure: 0.04,
    districts: [
      d('京口区', '321102'),
      d('润州区', '321111'),
      d('丹徒区', '321112'),
      d('丹阳市', '321181'),
      d('扬中市', '321182'),
      d('句容市', '321183'),
    ],
  },
  {
    name: '泰州市',
    population: 4.51,
    competitorPressure: 0.03,
    districts: [
      d('海陵区', '321202'),
      d('高港区', '321203'),
      d('姜堰区', '321204'),
      d('兴化市', '321281'),
      d('靖江市', '321282'),
      d('泰兴市', '321283'),
    ],
  },
  {
    name: '宿迁市',
    population: 4.98,
    competitorPressure: 0.03,
    districts: [
      d('宿城区', '321302'),
      d('宿豫区', '321311'),
      d('沭阳县', '321322'),
      d('泗阳县', '321323'),
      d('泗洪县', '321324'),
    ],
  },
];

/**
 * Where Jiangsu's migrants were born: their IDs carry their home county's code, not the city they
 * now live in (Anhui, Henan, Shandong and Sichuan send the most people to Jiangsu).
 */
const MIGRANT_ORIGINS: readonly District[] = [
  d('合肥市蜀山区', '340104'),
  d('阜阳市颍州区', '341202'),
  d('六安市金安区', '341502'),
  d('宿州市埇桥区', '341302'),
  d('周口市川汇区', '411602'),
  d('商丘市梁园区', '411402'),
  d('临沂市兰山区', '371302'),
  d('成都市锦江区', '510104'),
  d('南充市顺庆区', '511302'),
];

export type Residence = { city: City; district: District; idRegionCode: string };

/** A home district, weighted by city population, and the region code of the resident's ID. */
export function drawResidence(rng: Rng): Residence {
  const city = rng.weighted(CITIES, (c) => c.population);
  const district = rng.pick(city.districts);
  // About one in seven adult residents of Jiangsu was born in another province.
  const idRegionCode = rng.chance(0.14) ? rng.pick(MIGRANT_ORIGINS).code : district.code;
  return { city, district, idRegionCode };
}
