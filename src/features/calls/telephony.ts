/**
 * Click-to-dial behind one interface, so a CTI or SIP integration can replace the default without
 * touching the call panel. The panel checks the contact policy and audits before any adapter runs.
 */
export type DialRequest = {
  /** The full number: only an adapter sees it, after the policy allowed the call. */
  msisdn: string;
  agentUserId: number;
  taskId: number;
  subscriberId: number;
};

export type DialResult =
  /** The agent dials on their own phone: the panel shows the number for this call only. */
  | { mode: 'manual'; numberToDial: string }
  /** A switch placed the call and rings the agent's extension. */
  | { mode: 'placed'; callId: string };

export interface TelephonyAdapter {
  readonly name: string;
  dial(request: DialRequest): Promise<DialResult>;
}

/** No switch: hand the number to the agent, who dials it from their desk phone. */
export const manualTelephony: TelephonyAdapter = {
  name: 'manual',
  dial: async (request) => ({ mode: 'manual', numberToDial: request.msisdn }),
};
