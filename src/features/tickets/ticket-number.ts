/** The number people read and quote for a ticket: `T` + the id zero-padded to six (`T000042`). */
export function ticketNo(id: number): string {
  return `T${String(id).padStart(6, '0')}`;
}
