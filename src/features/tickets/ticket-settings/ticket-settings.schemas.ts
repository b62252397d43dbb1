import { z } from 'zod';
import { routingTableSchema } from '../dispatch/routing-table';
import { slaMatrixSchema } from '../sla/sla-matrix';

const inForce = <T extends z.ZodType>(document: T) =>
  z.object({
    /** 0 = the built-in default, in force until someone saves a version. */
    version: z.number().int(),
    document,
    createdAt: z.iso.datetime({ offset: true }).nullable(),
  });

const saveBody = <T extends z.ZodType>(document: T) =>
  z.object({ document, note: z.string().trim().max(500).nullish() }).strict();

export const routingSettingsSchema = inForce(routingTableSchema).meta({ id: 'RoutingSettings' });
export const saveRoutingSettingsBodySchema = saveBody(routingTableSchema);

export const slaSettingsSchema = inForce(slaMatrixSchema).meta({ id: 'SlaSettings' });
export const saveSlaSettingsBodySchema = saveBody(slaMatrixSchema);
