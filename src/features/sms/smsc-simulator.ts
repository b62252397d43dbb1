import smpp, { type PDU, type Server, type Session } from 'smpp';

/** A submit_sm as the simulated SMSC received it, text decoded. */
export type SubmittedSms = {
  systemId: string;
  sourceAddr: string;
  destinationAddr: string;
  dataCoding: number;
  registeredDelivery: number;
  /** Whether the text came in message_payload (a long message) rather than short_message. */
  payload: boolean;
  text: string;
  messageId: string;
};

export type SmscSimulatorOptions = {
  systemId: string;
  password: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Answer every accepted submit with a DELIVRD receipt straight away (the demo's "phone network"). */
  autoReceipt?: boolean;
};

export type SmscSimulator = {
  readonly port: number;
  /** smpp://system_id:password@127.0.0.1:port, for VIPDESK_SMSC_URL. */
  readonly url: string;
  readonly submitted: SubmittedSms[];
  readonly binds: { systemId: string; accepted: boolean }[];
  /** command_status the following submit_sm get (0: accept). */
  setSubmitStatus(status: number): void;
  /** Sends a delivery receipt for a message; resolves with the deliver_sm_resp command_status. */
  sendReceipt(messageId: string, stat?: string, err?: string): Promise<number>;
  /** Sends a mobile-originated message from a handset; resolves with the deliver_sm_resp status. */
  sendMo(from: string, text: string): Promise<number>;
  /** Kills the SMSC: drops every connection and stops listening. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
};

const ESME_RINVPASWD = 0x0e;

/**
 * A small SMSC on localhost, for tests and demos: checks the bind credentials, takes submit_sm
 * (answering with a message id, or the error status it was told to give), and can send delivery
 * receipts and handset replies back over the bound session, like an operator's SMSC would.
 */
export async function startSmscSimulator(options: SmscSimulatorOptions): Promise<SmscSimulator> {
  const submitted: SubmittedSms[] = [];
  const binds: { systemId: string; accepted: boolean }[] = [];
  const bound = new Set<Session>();
  let submitStatus = 0;
  let nextMessageId = 0x5a000;
  let server: Server | null = null;
  let port = options.port ?? 0;

  const onSession = (session: Session) => {
    let systemId = '';
    session.on('error', () => undefined);
    session.on('close', () => bound.delete(session));
    session.on('bind_transceiver', (pdu: PDU) => {
      const accepted = pdu.system_id === options.systemId && pdu.password === options.password;
      binds.push({ systemId: pdu.system_id ?? '', accepted });
      if (!accepted) {
        session.send(pdu.response({ command_status: ESME_RINVPASWD }));
        return;
      }
      systemId = pdu.system_id ?? '';
      session.send(pdu.response({ system_id: 'vipdesk-smsc-sim' }));
      bound.add(session);
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound.has(session)) return void session.send(pdu.response({ command_status: 0x04 }));
      if (submitStatus !== 0) return void session.send(pdu.response({ command_status: submitStatus }));
      nextMessageId += 1;
      const messageId = nextMessageId.toString(16);
      const part = pdu.message_payload ?? pdu.short_message;
      const text = part && !Buffer.isBuffer(part) ? String(part.message) : String(part ?? '');
      submitted.push({
        systemId,
        sourceAddr: pdu.source_addr ?? '',
        destinationAddr: pdu.destination_addr ?? '',
        dataCoding: pdu.data_coding ?? 0,
        registeredDelivery: pdu.registered_delivery ?? 0,
        payload: pdu.message_payload !== undefined,
        text,
        messageId,
      });
      session.send(pdu.response({ message_id: messageId }));
      if (options.autoReceipt) void sendReceipt(messageId).catch(() => undefined);
    });
  };

  const deliver = (fields: Parameters<Session['deliver_sm']>[0]) =>
    new Promise<number>((resolve, reject) => {
      const session = [...bound].at(-1);
      if (!session) return reject(new Error('no bound session to deliver to'));
      const sent = session.deliver_sm(fields, (resp) => resolve(resp.command_status));
      if (!sent) reject(new Error('session not writable'));
    });

  const sendReceipt = (messageId: string, stat = 'DELIVRD', err = '000') => {
    const original = submitted.find((s) => s.messageId === messageId);
    const stamp = '2601151030';
    return deliver({
      source_addr: original?.destinationAddr ?? '',
      destination_addr: original?.sourceAddr ?? '',
      esm_class: 0x04,
      short_message: `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${stamp} done date:${stamp} stat:${stat} err:${err} text:`,
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const created = smpp.createServer(onSession);
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        const address = created.address();
        if (address && typeof address === 'object') port = address.port;
        server = created;
        resolve();
      });
    });

  await listen();
  const credentials = `${encodeURIComponent(options.systemId)}:${encodeURIComponent(options.password)}`;

  return {
    get port() {
      return port;
    },
    get url() {
      return `smpp://${credentials}@127.0.0.1:${port}`;
    },
    submitted,
    binds,
    setSubmitStatus: (status) => {
      submitStatus = status;
    },
    sendReceipt,
    sendMo: (from, text) =>
      deliver({ source_addr: from, destination_addr: '10088', esm_class: 0, short_message: text }),
    stop: async () => {
      const current = server;
      server = null;
      bound.clear();
      if (!current) return;
      for (const session of [...current.sessions]) session.destroy();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
  };
}
