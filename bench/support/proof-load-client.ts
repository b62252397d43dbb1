// The agents' load: one autocannon connection per agent, each walking the agent's loop
// (proof-load-steps.ts) with its own cookie and its own state, for a bounded time and a bounded
// number of requests, on loopback. Reused by the crash proof, which kills processes under it:
//
//   const load = createAgentLoad({ baseUrl, agents, seconds: 60, warmupSeconds: 15 });
//   … load.stop() to end early …
//   const result = await load.done;
//
// Agents think between requests (thinkMs, 0 = send the next request the moment an answer
// arrives). autocannon has no think time of its own, so each connection's send is deferred by
// wrapping two of its client's methods (see paceClient); autocannon is pinned to 9.x for that.
import autocannon from 'autocannon';
import { type EndpointFigures, LoadRecorder } from './proof-load-stats';
import {
  type AcknowledgedWrite,
  type AgentState,
  agentRequests,
  agentState,
  type LoadAgent,
} from './proof-load-steps';

export type AgentLoadOptions = {
  /** http://127.0.0.1:PORT: loopback only. */
  baseUrl: string;
  /** One connection each; the same agent is never on two connections. */
  agents: readonly LoadAgent[];
  /** Measured seconds, after the warm-up. */
  seconds: number;
  /** Seconds whose requests are sent but not counted (caches, JIT, connection pools). */
  warmupSeconds?: number;
  /** Mean pause between an agent's answer and their next request (uniform, ±50%). */
  thinkMs?: number;
  /** Upper bound on requests over the whole run (warm-up included). */
  maxRequests?: number;
  timeZone?: string;
  seed?: number;
  /** Seconds without an answer before a request counts as timed out. */
  timeoutSeconds?: number;
  onWrite?: (write: AcknowledgedWrite) => void;
};

export type AgentLoadResult = {
  agents: number;
  connections: number;
  thinkMs: number;
  /** Length of the measured window, seconds. */
  seconds: number;
  endpoints: EndpointFigures[];
  total: { requests: number; perSecond: number; errors: number };
  /** Tasks whose briefing or disposition got a race answer (for the caller to explain). */
  raceTaskIds: number[];
  acknowledged: { dispositions: number; contacts: number };
};

export type AgentLoad = { done: Promise<AgentLoadResult>; stop(): void };

/** The parts of autocannon 9's Client the pacing wraps (checked at run time, not assumed). */
type PaceableClient = {
  _doRequest: () => void;
  _connect: () => void;
  _destroyConnection: () => void;
  destroyed: boolean;
  pipelinedRequests: { size(): number; clear(): void };
  /** Made after setupClient runs: read when a send is deferred, not when pacing is set up. */
  timeoutTicker?: { reschedule(ms: number): void };
};

function isPaceable(client: object): client is PaceableClient {
  const c = client as Partial<Record<keyof PaceableClient, unknown>>;
  return (
    typeof c._doRequest === 'function' &&
    typeof c._connect === 'function' &&
    typeof c._destroyConnection === 'function' &&
    typeof c.pipelinedRequests === 'object'
  );
}

/**
 * Two things autocannon does not do for an agent. Think time: a send is deferred by the agent's
 * pause (and the connection's timeout clock with it, so thinking is not a timeout); at most one
 * send is ever pending, so a reconnect while thinking cannot put two requests in flight. A lost
 * request: on a timeout autocannon drops the connection, on a socket error or a closed socket it
 * reconnects without dropping the request the old socket carried (the next answer would then be
 * matched to it). Either way the request is dropped here, before the next one is sent, and counted
 * as lost — except when the run itself ends, which drops what is in flight without counting it.
 */
function paceClient(
  client: PaceableClient,
  think: () => number,
  timeoutMs: number,
  onLost: () => void,
): void {
  const send = client._doRequest.bind(client);
  const connect = client._connect.bind(client);
  const destroyConnection = client._destroyConnection.bind(client);
  const dropInFlight = () => {
    if (client.pipelinedRequests.size() === 0) return;
    client.pipelinedRequests.clear();
    if (!client.destroyed) onLost();
  };
  let scheduled = false;
  client._destroyConnection = () => {
    dropInFlight();
    destroyConnection();
  };
  client._connect = () => {
    dropInFlight();
    connect();
  };
  client._doRequest = () => {
    const pause = think();
    if (pause <= 0) {
      send();
      return;
    }
    if (scheduled) return;
    scheduled = true;
    client.timeoutTicker?.reschedule(timeoutMs + pause);
    setTimeout(() => {
      scheduled = false;
      if (!client.destroyed) send();
    }, pause).unref();
  };
}

export function createAgentLoad(options: AgentLoadOptions): AgentLoad {
  const { agents } = options;
  if (agents.length === 0) throw new Error('an agent load needs agents');
  const warmupSeconds = options.warmupSeconds ?? 0;
  const thinkMs = options.thinkMs ?? 1000;
  const timeoutSeconds = options.timeoutSeconds ?? 10;
  const seed = options.seed ?? 20261124;
  const began = performance.now();
  const recorder = new LoadRecorder(began + warmupSeconds * 1000);
  const acknowledged = { dispositions: 0, contacts: 0 };
  const onWrite = (write: AcknowledgedWrite) => {
    if (write.kind === 'disposition') acknowledged.dispositions++;
    else acknowledged.contacts++;
    options.onWrite?.(write);
  };
  const stepOptions = { timeZone: options.timeZone ?? 'Asia/Shanghai', onWrite };
  const states: AgentState[] = agents.map((agent, i) => agentState(agent, seed + i));
  const pauseRandom = agentState(agents[0] as LoadAgent, seed - 1).random;
  // The first request of each agent is spread over two think times, so 200 agents do not start
  // in one burst; later pauses are the mean ±50%.
  let connections = 0;

  let finish: (error: Error | null) => void = () => undefined;
  const finished = new Promise<void>((resolveRun, reject) => {
    finish = (error) => (error ? reject(error) : resolveRun());
  });
  const instance = autocannon(
    {
      url: options.baseUrl,
      connections: agents.length,
      duration: warmupSeconds + options.seconds,
      maxOverallRequests: options.maxRequests ?? agents.length * (warmupSeconds + options.seconds) * 50,
      timeout: timeoutSeconds,
      setupClient: (client) => {
        const state = states[connections++ % states.length];
        if (!state) throw new Error('no agent for a connection');
        client.setRequests(agentRequests(state, stepOptions));
        client.on('response', (status: number, _bytes: number, latencyMs: number) => {
          const last = state.last;
          if (last) recorder.answer(last.endpoint, status, latencyMs, last.verdict, last.taskId);
          state.last = null;
        });
        if (!isPaceable(client)) throw new Error('autocannon client is not the 9.x shape proof-load expects');
        let first = true;
        const think = () => {
          if (thinkMs <= 0) return 0;
          const factor = first ? 2 * pauseRandom() : 0.5 + pauseRandom();
          first = false;
          return Math.round(thinkMs * factor);
        };
        paceClient(client, think, timeoutSeconds * 1000, () => recorder.lost(state.inFlight));
      },
    },
    (error: Error | null) => finish(error ?? null),
  );

  const done = finished.then((): AgentLoadResult => {
    const seconds = Math.max(0, (performance.now() - began) / 1000 - warmupSeconds);
    const endpoints = recorder.figures(seconds);
    const requests = endpoints.reduce((sum, e) => sum + e.requests, 0);
    return {
      agents: agents.length,
      connections,
      thinkMs,
      seconds,
      endpoints,
      total: {
        requests,
        perSecond: seconds > 0 ? requests / seconds : 0,
        errors: endpoints.reduce((sum, e) => sum + e.errors, 0),
      },
      raceTaskIds: [...recorder.raceTaskIds],
      acknowledged,
    };
  });
  return { done, stop: () => instance.stop() };
}
