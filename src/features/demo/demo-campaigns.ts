import type { DbHandle } from '#src/db/client';
import { actorForUser } from '#src/features/auth/actor-for-user';
import { launchCampaign } from '#src/features/campaigns/campaign-launch.service';
import type { CampaignBody } from '#src/features/campaigns/campaigns.schemas';
import { createCampaign } from '#src/features/campaigns/campaigns.service';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { planInputsSchema } from '#src/features/planning/plan-inputs';
import { createPlan } from '#src/features/planning/planning.service';
import { AppError } from '#src/lib/app-error';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';

/**
 * The demo's working day: a retention campaign over the riskiest subscribers and a key-moment care
 * campaign, both launched with a 10% holdout, and today's call plan for every agent — so a phone
 * manager signing in to the demo finds a queue, and a lead finds campaigns to follow.
 */
export async function startDemoCampaigns(
  handle: DbHandle,
  policy: ContactPolicySettings,
): Promise<{ campaigns: number; members: number; plannedCalls: number }> {
  const timeZone = policy.timeZone;
  const admin = await actorForUser(handle, { username: 'admin' });
  const today = todayIn(timeZone);
  const common = {
    startsOn: today,
    endsOn: addDays(today, 29),
    holdoutShare: 0.1,
    outcomeWindowDays: 90,
    teamId: null,
  };
  const bodies: CampaignBody[] = [
    {
      ...common,
      name: '高风险客户挽留（示例）',
      kind: 'retention',
      segment: { rules: [{ field: 'riskBand', op: 'in', value: ['high', 'very_high'] }] },
      scriptCode: 'retention_service_marketing',
      offerCodes: ['BILL_DISCOUNT_20', 'MONTHLY_REBATE_12X10', 'VIP_SURPRISE_SERVICE', 'NIGHT_DATA_PACK'],
      dailyQuota: 150,
    },
    {
      ...common,
      name: '关键时刻关怀（示例）',
      kind: 'care',
      segment: { rules: [{ field: 'hasKeyMoment', op: 'eq', value: true }] },
      scriptCode: 'care_key_moment',
      offerCodes: [],
      dailyQuota: 50,
    },
  ];
  let members = 0;
  let campaigns = 0;
  for (const body of bodies) {
    const campaign = await createCampaign(handle.db, admin, body);
    const launched = await launchCampaign(handle, admin, campaign.id, timeZone).catch((error: unknown) => {
      // A segment nobody matches (a tiny demo) leaves the campaign a draft.
      if (error instanceof AppError && error.code === 'CONFLICT') return null;
      throw error;
    });
    if (!launched) continue;
    campaigns++;
    members += launched.drawn.total;
  }
  const plan = await createPlan(handle, admin, planInputsSchema.parse({}), { timeZone, policy });
  return { campaigns, members, plannedCalls: plan.summary?.chosen.total ?? 0 };
}
