import type { TaskReason } from './queue.schemas';

/**
 * call_tasks.reasons is JSON written by the planner and by callbacks; anything that is not a
 * {code, params} pair is dropped rather than allowed to break the queue.
 */
export function taskReasonsOf(value: unknown): TaskReason[] {
  if (!Array.isArray(value)) return [];
  const reasons: TaskReason[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const code: unknown = Reflect.get(item, 'code');
    if (typeof code !== 'string') continue;
    const params: Record<string, string | number> = {};
    const raw: unknown = Reflect.get(item, 'params');
    if (typeof raw === 'object' && raw !== null) {
      for (const [key, v] of Object.entries(raw)) {
        if (typeof v === 'string' || typeof v === 'number') params[key] = v;
      }
    }
    reasons.push({ code, params });
  }
  return reasons;
}
