/**
 * The little of `smpp` 0.5.1 (CommonJS, no types of its own) that vipdesk uses: a client session
 * (bind, submit_sm, deliver_sm) and the server the tests and the local SMSC simulator run.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded short_message / message_payload: the text, and any user data headers. */
  export type DecodedMessage = { message: string | Buffer; udh?: Buffer[] };

  /** The PDU fields vipdesk reads or writes (names as in the SMPP specification). */
  export type PduFields = {
    command_status?: number;
    sequence_number?: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    message_id?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    registered_delivery?: number;
    data_coding?: number | null;
    short_message?: string | Buffer | DecodedMessage;
    message_payload?: string | Buffer | DecodedMessage;
    receipted_message_id?: string;
    message_state?: number;
  };

  export class PDU {
    constructor(command: string, options?: PduFields);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    message_id?: string;
    source_addr?: string;
    destination_addr?: string;
    esm_class?: number;
    registered_delivery?: number;
    data_coding?: number;
    /** Decoded on receipt: `{ message }` (a string for the encodings the library knows). */
    short_message?: DecodedMessage | Buffer;
    message_payload?: DecodedMessage | Buffer;
    receipted_message_id?: string;
    message_state?: number;
    isResponse(): boolean;
    response(options?: PduFields): PDU;
  }

  type ResponseCallback = (pdu: PDU) => void;

  export class Session extends EventEmitter {
    socket: Socket;
    server?: Server;
    send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: PduFields, responseCallback?: ResponseCallback): boolean;
    submit_sm(options: PduFields, responseCallback?: ResponseCallback): boolean;
    deliver_sm(options: PduFields, responseCallback?: ResponseCallback): boolean;
    enquire_link(options?: PduFields, responseCallback?: ResponseCallback): boolean;
    unbind(options?: PduFields, responseCallback?: ResponseCallback): boolean;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export type ConnectOptions = {
    host: string;
    port: number;
    tls?: boolean;
    /** Sends enquire_link every this many milliseconds while connected. */
    auto_enquire_link_period?: number;
  };

  const smpp: {
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(listener: (session: Session) => void): Server;
    PDU: typeof PDU;
    /** ESME_ROK, ESME_RSYSERR, … → command_status. */
    errors: Record<string, number>;
  };
  export default smpp;
}
