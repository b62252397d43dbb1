import type { Command } from 'commander';
import { isInteractiveTerminal } from '#src/config/config';
import { runScoring, type ScoringRunSummary } from '#src/features/scoring/runs/run-scoring';
import { scoringContextFor } from '#src/features/scoring/runs/scoring-context';
import { configOrExit, withStores } from '../context';

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description(
      'score every subscriber (tiers, lifecycle, churn signals, churn probability) and publish the run',
    )
    .option('--as-of <date>', 'score as of this day YYYY-MM-DD (default: the end of the latest billed month)')
    .action(async (opts: { asOf?: string }) => {
      const config = configOrExit();
      const live = isInteractiveTerminal();
      await withStores(config, async (stores) => {
        const summary = await runScoring(scoringContextFor(config, stores), {
          asOf: opts.asOf,
          trigger: 'cli',
          onProgress: (p) => {
            if (live)
              process.stderr.write(
                `\r  ${p.stage} ${p.scored.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}\x1b[K`,
              );
          },
        });
        if (live) process.stderr.write('\n');
        printSummary(summary);
      });
    });
}

export function printSummary(summary: ScoringRunSummary): void {
  const rate = summary.seconds.total > 0 ? Math.round(summary.subscribers / summary.seconds.total) : 0;
  console.log(
    `Scoring run ${summary.runId} as of ${summary.asOf}: ${summary.subscribers.toLocaleString('en-US')} subscribers ` +
      `in ${summary.seconds.total}s (${rate.toLocaleString('en-US')}/s), model ${summary.modelId}, ` +
      `settings v${summary.settingsVersion}`,
  );
  if (summary.checks) {
    const c = summary.checks;
    console.log(
      `Against the demo's planted churn (${c.churners} leavers within ${c.windowMonths} months): ROC AUC ${c.rocAuc}, ` +
        `churn-warning precision ${c.churnWarning.precision} (recall ${c.churnWarning.recall}, ${c.churnWarning.flagged} flagged), ` +
        `top-decile lift ${c.topDecile.lift}`,
    );
  }
  console.log(
    JSON.stringify({
      runId: summary.runId,
      asOf: summary.asOf,
      subscribers: summary.subscribers,
      seconds: summary.seconds,
      checks: summary.checks,
    }),
  );
}
