import { isVipLevel } from '../retention-link/vip-level';
import type { RevisitSettings } from './revisit-settings';

export type RevisitChannel = 'call' | 'sms';

/** How a closed ticket's subscriber is asked: by the level the ticket was opened at; null = not asked. */
export function revisitChannelFor(settings: RevisitSettings, vipLevel: string): RevisitChannel | null {
  if (isVipLevel(vipLevel)) return settings.vipChannel;
  return settings.othersChannel === 'none' ? null : settings.othersChannel;
}

/** An unhappy answer sends the ticket back to work. */
export function reopensTicket(score: number, settings: RevisitSettings): boolean {
  return score <= settings.reopenAtOrBelow;
}

/** When the revisit is due: after the configured settling time. */
export function revisitDueAt(settings: RevisitSettings, closedAt: Date): Date {
  return new Date(closedAt.getTime() + settings.delayMinutes * 60_000);
}
