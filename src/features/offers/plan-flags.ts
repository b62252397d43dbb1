/**
 * What kind of plan a catalogue plan is, for the optimiser. The plans table holds prices only, so
 * the kind is read from the plan's published name, as operators name these plans consistently
 * (校园卡 for students, 亲情/家庭/全家 for family plans, 夜 for plans with night-time data).
 */
export type PlanFlags = { studentOnly: boolean; family: boolean; nightData: boolean };

const STUDENT = /校园|student/i;
const FAMILY = /亲情|家庭|全家|family/i;
const NIGHT = /夜|night/i;

export function planFlagsFromName(name: string): PlanFlags {
  return { studentOnly: STUDENT.test(name), family: FAMILY.test(name), nightData: NIGHT.test(name) };
}
