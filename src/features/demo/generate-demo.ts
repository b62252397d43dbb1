import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { SubscriberStatus } from '#src/db/schema/enums';
import {
  billLine,
  complaintLine,
  contractLine,
  HEADERS,
  planLine,
  subscriberLine,
  truthLine,
  usageLine,
} from './csv';
import { buildWindow, type DemoConfig } from './demo-window';
import { PLANS } from './plans';
import { generateSubscriber } from './subscriber-records';

export type DemoFiles = {
  plans: string;
  subscribers: string;
  contracts: string;
  complaints: string;
  bills: string;
  /** One file per month: a usage import replaces whole months. */
  usage: { month: string; path: string }[];
  groundTruth: string;
};

export type DemoGeneration = {
  files: DemoFiles;
  months: string[];
  rows: {
    plans: number;
    subscribers: number;
    contracts: number;
    complaints: number;
    bills: number;
    usage: number;
    groundTruth: number;
  };
  statuses: Record<SubscriberStatus, number>;
  /** Churners still active at asOfMonth: their churn month lies ahead, known only to the truth. */
  futureChurners: number;
};

/** Bytes per chunk a file is built in before it is handed to its stream. */
const CHUNK_BYTES = 1 << 20;

/**
 * Encodes lines straight into 1 MB byte chunks and hands full chunks to the stream, waiting for
 * the stream to drain when the disk is slower than the generator. Lines become garbage the moment
 * they are encoded (holding millions of small strings until a flush made the collector the
 * bottleneck), and memory stays flat at any size.
 */
class CsvSink {
  rows = 0;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly sealed: Buffer[] = [];
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.stream = createWriteStream(path);
    // Kept, not thrown: an 'error' with no listener would crash the process; drain() rethrows it.
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.append(header);
  }

  add(line: string): void {
    this.append(line);
    this.rows += 1;
  }

  private append(line: string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8: seal early rather than truncate a line.
    const worstCase = line.length * 3 + 1;
    if (worstCase > CHUNK_BYTES) throw new Error(`a CSV line of ${line.length} characters is too long`);
    if (this.used + worstCase > CHUNK_BYTES) this.seal();
    this.used += this.chunk.write(line, this.used, 'utf8');
    this.chunk[this.used] = 0x0a;
    this.used += 1;
  }

  private seal(): void {
    this.sealed.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  /** Writes the full chunks; called often, so at most a few chunks per file are ever held. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    for (const chunk of this.sealed.splice(0)) {
      if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    if (this.used > 0) this.seal();
    await this.drain();
    this.stream.end();
    await finished(this.stream);
  }
}

/**
 * Writes the demo operator into `dir`: one CSV per kind in the import formats, usage one file per
 * month, and ground-truth.csv. One pass over the subscribers writes every file, each subscriber
 * rebuilt from (seed, index), so nothing grows with the number of subscribers. Deterministic: the
 * same config gives byte-identical files.
 */
export async function generateDemo(
  config: DemoConfig,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoGeneration> {
  const window = buildWindow(config);
  await mkdir(dir, { recursive: true });
  const sink = (name: string, header: string) => new CsvSink(join(dir, name), header);
  const plans = sink('plans.csv', HEADERS.plans);
  const subscribers = sink('subscribers.csv', HEADERS.subscribers);
  const contracts = sink('contracts.csv', HEADERS.contracts);
  const complaints = sink('complaints.csv', HEADERS.complaints);
  const bills = sink('bills.csv', HEADERS.bills);
  const usage = window.months.map((m) => sink(`usage-${m.month}.csv`, HEADERS.usage));
  const truth = sink('ground-truth.csv', HEADERS.groundTruth);
  const all = [plans, subscribers, contracts, complaints, bills, ...usage, truth];
  const statuses: Record<SubscriberStatus, number> = { active: 0, arrears_suspended: 0, churned: 0 };
  let futureChurners = 0;
  try {
    for (const plan of PLANS) plans.add(planLine(plan));
    for (let index = 0; index < config.subscribers; index += 1) {
      const records = generateSubscriber(window, index);
      const msisdn = records.profile.msisdn;
      subscribers.add(subscriberLine(records));
      for (const c of records.contracts) contracts.add(contractLine(msisdn, c));
      for (const c of records.complaints) complaints.add(complaintLine(msisdn, c));
      for (const b of records.bills) bills.add(billLine(msisdn, b));
      records.usage.forEach((rows, m) => {
        const file = usage[m];
        if (file) for (const row of rows) file.add(usageLine(msisdn, row));
      });
      if (records.truth) truth.add(truthLine(msisdn, records.truth.churnMonth, records.truth.signals));
      statuses[records.state.status] += 1;
      if (records.truth && records.state.status !== 'churned') futureChurners += 1;
      if (index % 256 === 255) {
        for (const file of all) await file.drain();
        if (index % 4096 === 4095) onProgress?.(index + 1, config.subscribers);
      }
    }
  } catch (error) {
    // Close every stream even after a failure, so no file handle outlives the call.
    await Promise.allSettled(all.map((file) => file.close()));
    throw error;
  }
  await Promise.all(all.map((file) => file.close()));
  onProgress?.(config.subscribers, config.subscribers);
  return {
    files: {
      plans: plans.path,
      subscribers: subscribers.path,
      contracts: contracts.path,
      complaints: complaints.path,
      bills: bills.path,
      usage: usage.map((file, m) => ({ month: window.months[m]?.month ?? '', path: file.path })),
      groundTruth: truth.path,
    },
    months: window.months.map((m) => m.month),
    rows: {
      plans: plans.rows,
      subscribers: subscribers.rows,
      contracts: contracts.rows,
      complaints: complaints.rows,
      bills: bills.rows,
      usage: usage.reduce((sum, file) => sum + file.rows, 0),
      groundTruth: truth.rows,
    },
    statuses,
    futureChurners,
  };
}
