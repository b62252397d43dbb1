// npm run proof — issue 8's proof under load, faults and bad input, in one run: every part prints
// its figures next to their targets as it finishes, then one summary table of all of them.
//
//   npm run proof                       the full proof (1M-subscriber load, ≥20 kills of each kind,
//                                       500 fuzzed requests per operation and role, 10M scale)
//   npm run proof -- --short            the short version CI runs (small operators, few rounds;
//                                       timing figures printed but not held against their targets)
//   npm run proof -- --only load,crash  some parts only;  --skip scale  all but some
//
// The exit status is 1 when any figure that counts fails, so a script can gate on it. The figures
// are also written to .bench/proof/last-run.json for the closing note and docs/proof.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { counts, type Figure, formatFigures, type ProofOptions, type ProofPart } from './figures';

/** The parts in the order they run: cheap and in-process first, the long benchmarks last. */
const PARTS: Record<string, () => Promise<ProofPart>> = {
  'rate-limits': async () => (await import('./rate-limits')).runRateLimitProof,
  idempotency: async () => (await import('./idempotency')).runIdempotencyProof,
  fuzz: async () => (await import('./fuzz')).runFuzzProof,
  load: async () => (await import('./load')).runLoadProof,
  crash: async () => (await import('./crash')).runCrashProof,
  scale: async () => (await import('./scale')).runScaleProof,
};

type RunOptions = ProofOptions & { parts: string[] };

function parseArgs(argv: readonly string[]): RunOptions {
  const names = Object.keys(PARTS);
  let parts = names;
  let short = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--short') short = true;
    else if (arg === '--only' || arg === '--skip') {
      const listed = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = listed.filter((name) => !names.includes(name));
      if (unknown.length > 0)
        throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${names.join(', ')}`);
      parts =
        arg === '--only' ? names.filter((n) => listed.includes(n)) : parts.filter((n) => !listed.includes(n));
    } else throw new Error(`usage: proof [--short] [--only a,b] [--skip a,b]; got ${arg}`);
  }
  return { short, parts };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const began = Date.now();
  const figures: Figure[] = [];
  const broken: string[] = [];
  console.log(`vipdesk proof (${options.short ? 'short' : 'full'}): ${options.parts.join(', ')}\n`);
  for (const name of options.parts) {
    const partBegan = Date.now();
    console.log(`== ${name}`);
    try {
      const run = await PARTS[name]?.();
      if (!run) throw new Error(`no part ${name}`);
      const partFigures = await run({ short: options.short });
      figures.push(...partFigures);
      console.log(formatFigures(partFigures));
    } catch (error) {
      // A part that cannot finish is a failure of the proof, not a reason to skip the other parts.
      broken.push(name);
      console.error(`${name} did not finish:`, error);
    }
    console.log(`(${name}: ${((Date.now() - partBegan) / 1000).toFixed(0)} s)\n`);
  }

  const failing = figures.filter((f) => counts(f, options) && !f.pass);
  console.log('== summary');
  console.log(formatFigures(figures));
  const minutes = ((Date.now() - began) / 60_000).toFixed(1);
  console.log(
    `\n${figures.length} figures, ${failing.length} failing, ${broken.length} part(s) unfinished` +
      `${broken.length ? ` (${broken.join(', ')})` : ''}; ${minutes} min` +
      (options.short ? '; short version: timings printed, not held' : ''),
  );
  const outDir = resolve('.bench/proof');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    resolve(outDir, options.short ? 'last-short-run.json' : 'last-run.json'),
    `${JSON.stringify({ at: new Date().toISOString(), options, broken, figures }, null, 2)}\n`,
  );
  process.exitCode = failing.length > 0 || broken.length > 0 ? 1 : 0;
}

await main();
