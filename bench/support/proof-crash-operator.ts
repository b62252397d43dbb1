// The crash proof's operator: the scoring benchmark's synthetic files (generated once, cached in
// .bench/score/) loaded by the real `vipdesk migrate | import | score` commands, the console
// benchmark's staff (teams of agents, every subscriber in one agent's book), and a stock of
// open call tasks in each agent's own book for the dispositions to work through.
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AS_OF_MONTH, type Env, filesDir, log, vipdeskBin } from './console-setup';
import { BENCH_PASSWORD, createStaff } from './console-staff';
import { generateScoringFiles, type ScoringFiles } from './generate-scoring-files';
import { measureChild } from './measure-child';
import type { CrashCluster } from './proof-crash-cluster';

const IMPORT_ORDER = ['plans', 'subscribers', 'contracts', 'complaints', 'bills', 'usage'] as const;

/** The reason code the proof's tasks carry, so the checks can tell them from any other task. */
export const PROOF_TASK_REASON = 'CRASH_PROOF';

export type OperatorSize = {
  subscribers: number;
  teams: number;
  agentsPerTeam: number;
  /** Open tasks put in each agent's book (one subscriber each). */
  tasksPerAgent: number;
};

export type ProofAgent = { userId: number; username: string; teamId: number; book: number[] };

export type CrashOperator = {
  files: ScoringFiles;
  /** The subscribers file with every row's handset changed: an import that touches every row. */
  alteredSubscribers: string;
  agents: ProofAgent[];
  password: string;
  tasks: number;
};

/** Runs one `vipdesk` command to completion in its own process; throws with its stderr if it fails. */
export async function vipdesk(env: Env, ...args: string[]): Promise<string> {
  const result = await measureChild('node', [vipdeskBin, ...args], env);
  return result.stdout;
}

export async function loadCrashOperator(cluster: CrashCluster, size: OperatorSize): Promise<CrashOperator> {
  const began = performance.now();
  const { files } = await generateScoringFiles({
    subscribers: size.subscribers,
    asOfMonth: AS_OF_MONTH,
    dir: filesDir,
  });
  await vipdesk(cluster.env, 'migrate');
  for (const kind of IMPORT_ORDER) {
    const out = await vipdesk(cluster.env, 'import', kind, files[kind]);
    if (/bad row/.test(out)) throw new Error(`import ${kind} rejected rows:\n${out}`);
  }
  await vipdesk(cluster.env, 'score');
  const staff = await createStaff(cluster.url, size.teams, size.agentsPerTeam);
  const agents = staff.agents.map((a) => ({
    userId: a.id,
    username: a.username,
    teamId: a.teamId,
    book: staff.books.get(a.id) ?? [],
  }));
  const tasks = await insertProofTasks(cluster, size.tasksPerAgent);
  const alteredSubscribers = join(cluster.dataDir, 'subscribers-altered.csv');
  await alterHandsets(files.subscribers, alteredSubscribers);
  log(
    `crash  operator: ${size.subscribers} subscribers, ${agents.length} agents, ${tasks} tasks ` +
      `in ${((performance.now() - began) / 1000).toFixed(1)}s`,
  );
  return { files, alteredSubscribers, agents, password: BENCH_PASSWORD, tasks };
}

/** Open care-call tasks, due now, each owned by the agent whose book holds the subscriber. */
async function insertProofTasks(cluster: CrashCluster, perAgent: number): Promise<number> {
  const [row] = await cluster.query<{ n: number }>(
    `with inserted as (
       insert into call_tasks (subscriber_id, kind, priority, reasons, owner_user_id, team_id, due_at, action)
       select b.subscriber_id, 'care_call', (b.subscriber_id % 97) / 97.0,
              json_build_array(json_build_object('code', $2::text, 'params', json_build_object())),
              b.agent_user_id, u.team_id, now() - interval '1 minute', 'care_call'
         from (select subscriber_id, agent_user_id,
                      row_number() over (partition by agent_user_id order by subscriber_id) as k
                 from subscriber_books) b
         join users u on u.id = b.agent_user_id
        where b.k <= $1 and u.role = 'agent'
       returning 1
     )
     select count(*)::int as n from inserted`,
    [perAgent, PROOF_TASK_REASON],
  );
  return row?.n ?? 0;
}

/**
 * The same subscribers with another handset model on every row, so an import of it changes every
 * row: a half-applied import would show as a mix of the two files' values.
 */
async function alterHandsets(source: string, target: string): Promise<void> {
  const lines = createInterface({
    input: createReadStream(source, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const out = createWriteStream(target, 'utf8');
  let handset = -1;
  for await (const line of lines) {
    const cells = line.split(',');
    if (handset < 0) {
      handset = cells.indexOf('handset_model');
      if (handset < 0) throw new Error(`${source} has no handset_model column`);
    } else {
      cells[handset] = 'Crash Proof Phone';
    }
    out.write(`${cells.join(',')}\n`);
  }
  await new Promise<void>((resolveEnd, reject) => {
    out.once('error', reject);
    out.end(resolveEnd);
  });
}
