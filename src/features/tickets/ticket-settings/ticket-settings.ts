import type { SettingsDefinition } from '#src/features/service-settings/service-settings.service';
import { DEFAULT_ROUTING_TABLE, parseRoutingTable, type RoutingTable } from '../dispatch/routing-table';
import { DEFAULT_SLA_MATRIX, parseSlaMatrix, type SlaMatrix } from '../sla/sla-matrix';

/** The dispatch table in force decides which group a new ticket goes to. */
export const ROUTING_SETTINGS: SettingsDefinition<RoutingTable> = {
  kind: 'routing',
  parse: parseRoutingTable,
  defaults: DEFAULT_ROUTING_TABLE,
};

/** The level × category matrix in force gives a new ticket its SLA terms (copied in at opening). */
export const SLA_SETTINGS: SettingsDefinition<SlaMatrix> = {
  kind: 'sla',
  parse: parseSlaMatrix,
  defaults: DEFAULT_SLA_MATRIX,
};
