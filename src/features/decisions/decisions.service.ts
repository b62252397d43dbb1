import type { Database } from '#src/db/client';
import { listActiveOffers } from '#src/features/offers/offers.service';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError } from '#src/lib/app-error';
import { DEFAULT_DECISION_SETTINGS, type DecisionSettings, parseDecisionSettings } from './decision-settings';
import type { DecisionOffer } from './decision-types';
import {
  countOutcomesByActionAndTier,
  findDecisionSettingsVersion,
  findLatestDecisionSettingsVersion,
  findTargetPlanFeesByOfferCode,
  insertDecisionSettingsVersion,
} from './decisions.repository';
import {
  estimatedPSaveTable,
  type PSaveOutcome,
  type PSaveTable,
  priorPSave,
  SAVING_ACTIONS,
  type SavingAction,
} from './p-save';

const DAY_MS = 86_400_000;

/** The decision settings in force. Version 0 is the built-in defaults, used until someone saves one. */
export type DecisionSettingsInForce = { version: number; settings: DecisionSettings; createdAt: Date | null };

export async function currentDecisionSettings(db: Database): Promise<DecisionSettingsInForce> {
  const latest = await findLatestDecisionSettingsVersion(db);
  if (!latest) return { version: 0, settings: DEFAULT_DECISION_SETTINGS, createdAt: null };
  // A stored document was valid when saved; parsing again fills defaults of levers added since.
  return {
    version: latest.version,
    settings: parseDecisionSettings(latest.document),
    createdAt: latest.createdAt,
  };
}

/**
 * Saves a whole settings document (validated by the route's schema) as the next version. Two people
 * saving at once: the second is refused, nothing is overwritten.
 */
export async function saveDecisionSettings(
  db: Database,
  settings: DecisionSettings,
  meta: { note: string | null; createdBy: number | null },
): Promise<DecisionSettingsInForce> {
  const latest = await findLatestDecisionSettingsVersion(db);
  const version = (latest?.version ?? 0) + 1;
  try {
    const stored = await insertDecisionSettingsVersion(db, { version, document: settings, ...meta });
    return { version: stored.version, settings, createdAt: stored.createdAt };
  } catch (error) {
    if (await findDecisionSettingsVersion(db, version)) {
      throw new AppError(
        'CONFLICT',
        `Decision settings version ${version} was saved by someone else meanwhile; reload`,
      );
    }
    throw error;
  }
}

/** One cell of the P(save) table: the prior, the outcomes behind the estimate, and the estimate. */
export type PSaveRow = {
  action: SavingAction;
  tier: string;
  prior: number;
  trials: number;
  saves: number;
  estimate: number;
};

export type PSaveEstimate = PSaveTable & { runId: number | null; rows: PSaveRow[] };

function isSavingAction(value: string | null): value is SavingAction {
  return SAVING_ACTIONS.some((a) => a === value);
}

/**
 * P(save | action, tier) re-estimated from recorded outcomes (Beta–binomial posterior mean over the
 * configured priors): trials are reached calls for the action, saves the accepted ones, tiers those
 * of the current scoring run. Without a run, the priors alone.
 */
export async function estimatePSave(
  db: Database,
  settings: DecisionSettings,
  now = new Date(),
): Promise<PSaveEstimate> {
  const run = await findCurrentRun(db);
  const since = new Date(now.getTime() - settings.pSave.lookbackDays * DAY_MS);
  const counted = run ? await countOutcomesByActionAndTier(db, run.id, since) : [];
  const outcomes: PSaveOutcome[] = [];
  for (const row of counted) {
    if (isSavingAction(row.action)) {
      outcomes.push({ action: row.action, tier: row.tier, trials: row.trials, saves: row.saves });
    }
  }
  const table = estimatedPSaveTable(settings, outcomes);
  return { get: table.get, runId: run?.id ?? null, rows: pSaveRows(settings, outcomes, table) };
}

/** Every action × tier an analyst may look at: the operating tiers, tiers with a prior, tiers seen. */
function pSaveRows(
  settings: DecisionSettings,
  outcomes: readonly PSaveOutcome[],
  table: PSaveTable,
): PSaveRow[] {
  const rows: PSaveRow[] = [];
  for (const action of SAVING_ACTIONS) {
    const tiers = new Set<string>(OPERATING_TIERS);
    for (const tier of Object.keys(settings.pSave.priors[action].byTier)) tiers.add(tier);
    for (const outcome of outcomes) if (outcome.action === action) tiers.add(outcome.tier);
    for (const tier of tiers) {
      const seen = outcomes.find((o) => o.action === action && o.tier === tier);
      rows.push({
        action,
        tier,
        prior: priorPSave(settings, action, tier),
        trials: seen?.trials ?? 0,
        saves: seen?.saves ?? 0,
        estimate: table.get(action, tier),
      });
    }
  }
  return rows;
}

/**
 * The offers a decision may present on `onDay` (the offers part's catalogue), with the target plan's
 * fee for plan moves so an upsell's gain can be measured.
 */
export async function decisionOffersOn(db: Database, onDay: string): Promise<DecisionOffer[]> {
  const active = await listActiveOffers(db, onDay);
  const fees = await findTargetPlanFeesByOfferCode(
    db,
    active.map((o) => o.code),
  );
  return active.map((offer) => ({ ...offer, targetPlanFeeFen: fees.get(offer.code) ?? null }));
}

export type DecisionContext = {
  settingsVersion: number;
  settings: DecisionSettings;
  pSave: PSaveEstimate;
  offers: DecisionOffer[];
};

/** Everything scoreActions needs besides the candidate, loaded once for a planning run or a view. */
export async function loadDecisionContext(
  db: Database,
  onDay: string,
  now = new Date(),
): Promise<DecisionContext> {
  const { version, settings } = await currentDecisionSettings(db);
  const pSave = await estimatePSave(db, settings, now);
  const offers = await decisionOffersOn(db, onDay);
  return { settingsVersion: version, settings, pSave, offers };
}
