import smpp, { type PDU, type PduFields, type Session } from 'smpp';
import type { SmscConfig } from '#src/config/config';

/** The little of a logger the SMS sender needs; pino and Fastify's logger both fit. */
export type SmsLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

export type SubmitOutcome =
  | { ok: true; messageId: string }
  /** status: the SMSC's command_status; null when no answer came (connection lost, timeout). */
  | { ok: false; status: number | null; error: string };

export type SmscTiming = {
  /** First reconnect delay; doubles up to reconnectMaxMs while the SMSC stays away. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** A submit_sm unanswered this long counts as failed (and is retried). */
  responseTimeoutMs: number;
  enquireLinkMs: number;
};

export const DEFAULT_SMSC_TIMING: SmscTiming = {
  reconnectMinMs: 1_000,
  reconnectMaxMs: 60_000,
  responseTimeoutMs: 30_000,
  enquireLinkMs: 30_000,
};

export type SmscLink = {
  isBound(): boolean;
  /**
   * Sends a submit_sm. `record` is called with the outcome as soon as it is known, and any
   * deliver_sm that arrives after the response waits until that record is written, so a fast
   * receipt always finds its message.
   */
  submit(fields: PduFields, record: (outcome: SubmitOutcome) => Promise<void>): Promise<void>;
  close(): Promise<void>;
};

export type SmscLinkOptions = {
  smsc: SmscConfig;
  logger: SmsLogger;
  timing: SmscTiming;
  /** Handles an inbound deliver_sm; a throw is answered with a temporary error so the SMSC retries. */
  onDeliver(pdu: PDU): Promise<void>;
};

const ESME_ROK = 0;
const ESME_RX_T_APPN = 0x64;
const errorNames = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** ESME_RSYSERR (0x00000008): the name the SMPP specification gives a command_status. */
export function smppStatusLabel(status: number): string {
  const hex = `0x${status.toString(16).padStart(8, '0')}`;
  const name = errorNames.get(status);
  return name ? `${name} (${hex})` : hex;
}

/**
 * One transceiver session to the SMSC that keeps itself up: binds on connect, answers the SMSC's
 * enquire_link and unbind, and after any drop reconnects with a doubling delay. Every deliver_sm
 * is answered with a deliver_sm_resp, whatever its handler makes of it.
 */
export function openSmscLink(options: SmscLinkOptions): SmscLink {
  const { smsc, logger, timing } = options;
  let session: Session | null = null;
  let bound = false;
  let closing = false;
  let reconnectDelay = timing.reconnectMinMs;
  let reconnectTimer: NodeJS.Timeout | null = null;
  /** Submits waiting for their response: each fails with the given reason. */
  const waiting = new Set<(reason: string) => void>();
  /** Outcomes being recorded; inbound PDUs wait for the ones before them. */
  const recording = new Set<Promise<void>>();
  const where = { host: smsc.host, port: smsc.port, systemId: smsc.systemId };

  const connect = () => {
    reconnectTimer = null;
    const current = smpp.connect({
      host: smsc.host,
      port: smsc.port,
      tls: smsc.tls,
      auto_enquire_link_period: timing.enquireLinkMs,
    });
    session = current;
    current.on(smsc.tls ? 'secureConnect' : 'connect', () => bind(current));
    current.on('error', (error: Error) => {
      logger.warn({ ...where, reason: error.message }, 'SMSC connection error');
      // A PDU the library cannot parse leaves its reader stuck: start over on a fresh connection.
      current.destroy();
    });
    current.on('close', () => dropped(current));
    current.on('enquire_link', (pdu: PDU) => current.send(pdu.response()));
    current.on('unbind', (pdu: PDU) => {
      current.send(pdu.response());
      current.close();
    });
    current.on('deliver_sm', (pdu: PDU) => answerDeliver(current, pdu));
  };

  const bind = (current: Session) => {
    current.bind_transceiver({ system_id: smsc.systemId, password: smsc.password }, (pdu) => {
      if (pdu.command_status === ESME_ROK) {
        bound = true;
        reconnectDelay = timing.reconnectMinMs;
        logger.info(where, 'SMSC bound as transceiver');
        return;
      }
      logger.error({ ...where, status: smppStatusLabel(pdu.command_status) }, 'SMSC refused the bind');
      current.close();
    });
  };

  const dropped = (current: Session) => {
    if (session !== current) return;
    session = null;
    const wasBound = bound;
    bound = false;
    for (const fail of [...waiting]) fail('SMSC connection lost before submit_sm_resp');
    if (closing) return;
    if (wasBound) logger.warn(where, 'SMSC connection dropped; reconnecting');
    reconnectTimer = setTimeout(connect, reconnectDelay);
    reconnectTimer.unref();
    reconnectDelay = Math.min(reconnectDelay * 2, timing.reconnectMaxMs);
  };

  const answerDeliver = (current: Session, pdu: PDU) => {
    const earlier = [...recording];
    void Promise.allSettled(earlier)
      .then(() => options.onDeliver(pdu))
      .then(
        () => current.send(pdu.response({ command_status: ESME_ROK })),
        (error: unknown) => {
          logger.error({ err: error }, 'inbound SMS not recorded; asking the SMSC to retry');
          current.send(pdu.response({ command_status: ESME_RX_T_APPN }));
        },
      );
  };

  const track = (work: Promise<void>) => {
    recording.add(work);
    void work.finally(() => recording.delete(work)).catch(() => undefined);
    return work;
  };

  const submit: SmscLink['submit'] = (fields, record) => {
    const current = session;
    if (!bound || !current) return record({ ok: false, status: null, error: 'SMSC not bound' });
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: SubmitOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        waiting.delete(fail);
        track(record(outcome)).then(resolve, reject);
      };
      const fail = (error: string) => settle({ ok: false, status: null, error });
      const timer = setTimeout(() => fail('no submit_sm_resp in time'), timing.responseTimeoutMs);
      waiting.add(fail);
      const sent = current.submit_sm(fields, (pdu) => {
        if (pdu.command_status === ESME_ROK) settle({ ok: true, messageId: pdu.message_id ?? '' });
        else settle({ ok: false, status: pdu.command_status, error: smppStatusLabel(pdu.command_status) });
      });
      if (!sent) fail('SMSC connection not writable');
    });
  };

  const close = async () => {
    closing = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    const current = session;
    for (const fail of [...waiting]) fail('SMS sender stopping');
    await Promise.allSettled([...recording]);
    if (!current) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => current.destroy(), 2_000);
      current.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (bound) current.unbind({}, () => current.close());
      else current.destroy();
    });
    bound = false;
  };

  connect();
  return { isBound: () => bound, submit, close };
}
