/**
 * 王小明 → 王**: the surname stays so a queue row can be told apart, the rest is hidden — the team
 * queue lists other agents' subscribers, who need not be named before anyone takes the call.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}
