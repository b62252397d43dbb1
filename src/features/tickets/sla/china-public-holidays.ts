// China's statutory holidays as data. Each year follows the State Council General Office notice
// "关于<year>年部分节假日安排的通知": `holidays` are days off (including weekdays moved by 调休) and
// `adjustedWorkdays` are weekend days declared working days (调休上班).
// 2025: notice of 2024-11-12. 2026: notice of 2025-11-04 (as reprinted by Xinhua); checked against
// a reprint, not the gov.cn original. Years after 2026 are not published yet: add them when they are.

export interface HolidayYear {
  readonly holidays: readonly string[];
  readonly adjustedWorkdays: readonly string[];
}

function days(from: string, through: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${through}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export const CHINA_PUBLIC_HOLIDAYS: Readonly<Record<number, HolidayYear>> = {
  2025: {
    holidays: [
      ...days('2025-01-01', '2025-01-01'), // 元旦
      ...days('2025-01-28', '2025-02-04'), // 春节
      ...days('2025-04-04', '2025-04-06'), // 清明节
      ...days('2025-05-01', '2025-05-05'), // 劳动节
      ...days('2025-05-31', '2025-06-02'), // 端午节
      ...days('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    adjustedWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...days('2026-01-01', '2026-01-03'), // 元旦
      ...days('2026-02-15', '2026-02-23'), // 春节
      ...days('2026-04-04', '2026-04-06'), // 清明节
      ...days('2026-05-01', '2026-05-05'), // 劳动节
      ...days('2026-06-19', '2026-06-21'), // 端午节
      ...days('2026-09-25', '2026-09-27'), // 中秋节
      ...days('2026-10-01', '2026-10-07'), // 国庆节
    ],
    adjustedWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

export const CHINA_HOLIDAYS: readonly string[] = Object.values(CHINA_PUBLIC_HOLIDAYS).flatMap(
  (y) => y.holidays,
);
export const CHINA_ADJUSTED_WORKDAYS: readonly string[] = Object.values(CHINA_PUBLIC_HOLIDAYS).flatMap(
  (y) => y.adjustedWorkdays,
);
