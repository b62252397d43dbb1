import { parentPort } from 'node:worker_threads';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type ChurnScorer, signalPriorScorer, trainedModelScorer } from '#src/features/model/churn-scorer';
import { doubleSelectList, forEachFeatureChunk } from '#src/features/scoring/features/feature-rows';
import type { PopulationStats } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { churnModelFromJSON } from '#src/ml/churn-model';
import { sqlString } from '#src/usage/duckdb';
import { ByteWriter } from './byte-writer';
import { scoreRow } from './score-batch';
import { type ScoreRecord, writeScoreCopyLine } from './score-record';

/** What a scoring worker is told once: how to score (the same for every part of a run). */
export type WorkerSetup = {
  runId: number;
  modelId: number;
  /** The trained model's JSON, or null for the signal prior. */
  modelJson: unknown;
  settings: ScoringSettings;
};
/** The run's feature files (one per slice, same columns), once the feature pass has written them. */
export type WorkerInput = { paths: string[]; asOf: string; population: PopulationStats };
/** Rows [from, to) of feature file number `file`, by position. */
export type WorkerJob = { id: number; file: number; from: number; to: number };
export type WorkerRequest =
  | { kind: 'setup'; setup: WorkerSetup }
  | { kind: 'input'; input: WorkerInput }
  | { kind: 'job'; job: WorkerJob }
  /** The main thread has written one of this worker's chunks: it may send another. */
  | { kind: 'credit' }
  /** The run is over: let go of the reader's DuckDB before the thread is ended. */
  | { kind: 'close' };
export type WorkerReply =
  /** COPY text lines of `rows` scored subscribers (the buffer is transferred, not copied). */
  | { kind: 'chunk'; id: number; bytes: Uint8Array; rows: number }
  | { kind: 'done'; id: number; rows: number }
  | { kind: 'error'; id: number; error: string }
  | { kind: 'closed' };

/** Chunks a worker may have sent and not had written yet: memory stays bounded when the database
 * takes rows more slowly than the workers make them. */
export const MAX_UNWRITTEN_CHUNKS = 3;
/** About a megabyte of COPY text per chunk. */
const CHUNK_BYTES = 1 << 20;

const port = parentPort;
if (!port) throw new Error('score-worker runs only as a worker thread');

type Prepared = { setup: WorkerSetup; scorer: ChurnScorer };
type Reader = { instance: DuckDBInstance; connection: DuckDBConnection; select: string; input: WorkerInput };

let prepared: Prepared | null = null;
let reader: Promise<Reader> | null = null;
let unwritten = 0;
let creditWaiter: (() => void) | null = null;
/** The run is being closed: a job stops at its next chunk (never mid-call into DuckDB). */
let closing = false;
let current: Promise<number> = Promise.resolve(0);

/** Each worker reads the feature files with its own DuckDB: no rows cross between threads. */
async function openReader(input: WorkerInput): Promise<Reader> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '512MB' });
  const connection = await instance.connect();
  const [first] = input.paths;
  if (first === undefined) throw new Error('a run without feature files');
  // Numbers are read as DOUBLE, the one typed-array path the feature reader has (counts and fen
  // are far below 2^53).
  const select = await doubleSelectList(connection, `SELECT * FROM read_parquet(${sqlString(first)})`);
  // Jobs read the same files' footers again and again: keep them parsed (settable once DESCRIBE has
  // loaded the Parquet reader).
  await connection.run('SET parquet_metadata_cache = true');
  return { instance, connection, select, input };
}

async function waitForCredit(): Promise<void> {
  while (unwritten >= MAX_UNWRITTEN_CHUNKS && !closing) {
    await new Promise<void>((resolve) => {
      creditWaiter = resolve;
    });
  }
}

/** The COPY lines of one chunk, as UTF-8 written straight into a buffer (see ByteWriter). */
class ChunkBuffer {
  private readonly out = new ByteWriter(CHUNK_BYTES * 2);
  rows = 0;

  get full(): boolean {
    return this.out.length >= CHUNK_BYTES;
  }

  append(runId: number, modelId: number, record: ScoreRecord): void {
    writeScoreCopyLine(this.out, runId, modelId, record);
    this.rows += 1;
  }

  /** Sends the lines so far (their memory goes with them) and starts an empty buffer. */
  send(id: number): void {
    const bytes = this.out.take();
    unwritten += 1;
    port?.postMessage({ kind: 'chunk', id, bytes, rows: this.rows } satisfies WorkerReply, [
      // Its own ArrayBuffer (ByteWriter buffers are far above the size Buffer pools).
      bytes.buffer as ArrayBuffer,
    ]);
    this.rows = 0;
  }
}

/** Scores rows [from, to) of a feature file, one row at a time, into COPY text chunks. */
async function runJob(job: WorkerJob): Promise<number> {
  if (!prepared || !reader) throw new Error('a job before setup and input');
  const { setup, scorer } = prepared;
  const { connection, select, input } = await reader;
  const path = input.paths[job.file];
  if (path === undefined) throw new Error(`no feature file ${job.file}`);
  const result = await connection.stream(
    `SELECT ${select} FROM read_parquet(${sqlString(path)}, file_row_number = true)
      WHERE file_row_number >= ${job.from} AND file_row_number < ${job.to}`,
  );
  const out = new ChunkBuffer();
  const total = await forEachFeatureChunk(result, input.asOf, async (chunk) => {
    if (closing) throw new Error('the run was closed');
    for (let i = 0; i < chunk.rowCount; i += 1) {
      const record = scoreRow(chunk.row(i), input.population, setup.settings, scorer);
      out.append(setup.runId, setup.modelId, record);
    }
    if (out.full) {
      await waitForCredit();
      out.send(job.id);
    }
  });
  if (out.rows > 0) {
    await waitForCredit();
    out.send(job.id);
  }
  return total;
}

/** Waits for the job in hand to stop, then closes the reader's DuckDB. */
async function closeReader(): Promise<void> {
  closing = true;
  creditWaiter?.();
  await current.catch(() => undefined);
  const opened = await reader?.catch(() => null);
  reader = null;
  opened?.connection.closeSync();
  opened?.instance.closeSync();
}

port.on('message', (request: WorkerRequest) => {
  switch (request.kind) {
    case 'setup': {
      const { setup } = request;
      const scorer =
        setup.modelJson === null
          ? signalPriorScorer(setup.modelId, setup.settings)
          : trainedModelScorer(setup.modelId, churnModelFromJSON(setup.modelJson), setup.settings);
      prepared = { setup, scorer };
      return;
    }
    case 'input':
      reader = openReader(request.input);
      // A failure shows on the first job, which awaits the reader.
      reader.catch(() => undefined);
      return;
    case 'credit': {
      unwritten -= 1;
      const waiter = creditWaiter;
      creditWaiter = null;
      waiter?.();
      return;
    }
    case 'close':
      closeReader().finally(() => port.postMessage({ kind: 'closed' } satisfies WorkerReply));
      return;
    case 'job': {
      const { job } = request;
      current = runJob(job);
      current.then(
        (rows) => port.postMessage({ kind: 'done', id: job.id, rows } satisfies WorkerReply),
        (error: unknown) =>
          port.postMessage({
            kind: 'error',
            id: job.id,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies WorkerReply),
      );
      return;
    }
  }
});
