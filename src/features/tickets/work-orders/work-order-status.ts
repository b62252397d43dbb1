/** A hot spot's work order is worked open → in_progress → done (issue 6 §6). */
export const WORK_ORDER_STATUSES = ['open', 'in_progress', 'done'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

// A team may finish straight from open (a quick fix), put work back to open (handed back), and
// reopen a done order when the complaints come back.
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['open', 'done'],
  done: ['in_progress'],
};

export function isWorkOrderStatus(value: string): value is WorkOrderStatus {
  return WORK_ORDER_STATUSES.some((status) => status === value);
}

export function canMoveWorkOrder(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextWorkOrderStatuses(from: WorkOrderStatus): readonly WorkOrderStatus[] {
  return NEXT[from];
}

/** A stored status read back; the column only ever holds these, 'open' covers anything else. */
export function workOrderStatusOf(value: string): WorkOrderStatus {
  return isWorkOrderStatus(value) ? value : 'open';
}
