/** React Query keys of the workbench (shared by the page and the call panel). */
export const QUEUE_KEY = ['workbench', 'queue'] as const;

export function briefingKey(taskId: number, lang: string) {
  return ['workbench', 'briefing', taskId, lang] as const;
}
