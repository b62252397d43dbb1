import { z } from 'zod';
import {
  hotSpotCellQuerySchema,
  localisedNameSchema,
} from '#src/features/tickets/reports/service-reports.schemas';
import { WORK_ORDER_STATUSES } from './work-order-status';
import { workOrderEvidenceSchema } from './work-orders.service';

export const workOrderIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});

export const listWorkOrdersQuerySchema = z.object({ status: z.enum(WORK_ORDER_STATUSES).optional() });

/** The hot-spot cell to raise an order for: the server tests it again. */
export const createWorkOrderBodySchema = hotSpotCellQuerySchema.strict();

export const workOrderIfMatchHeadersSchema = z.object({ 'if-match': z.string().optional() });

export const updateWorkOrderBodySchema = z
  .object({
    status: z.enum(WORK_ORDER_STATUSES),
    /** What was done; required to close. */
    resolution: z.string().trim().max(2000).optional(),
    /** The version read, when no If-Match header is sent. */
    version: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.status === 'done' && (body.resolution ?? '') === '') {
      ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'is required to close a work order' });
    }
  });

const workOrderFields = {
  id: z.number().int(),
  kind: z.string(),
  team: z.string(),
  city: z.string(),
  district: z.string(),
  area: z.string(),
  category: z.string(),
  categoryName: localisedNameSchema,
  weekStart: z.string(),
  week: z.string(),
  title: localisedNameSchema,
  evidence: workOrderEvidenceSchema,
  status: z.enum(WORK_ORDER_STATUSES),
  resolution: z.string().nullable(),
  createdByUserId: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
};

export const workOrderListSchema = z.object({ items: z.array(z.object(workOrderFields)) });

export const workOrderDetailSchema = z
  .object({
    ...workOrderFields,
    tracking: z.object({
      raisedWeekStart: z.string(),
      closedWeekStart: z.string().nullable(),
      weeks: z.array(
        z.object({
          weekStart: z.string(),
          week: z.string(),
          observed: z.number().int(),
          expected: z.number().nullable(),
          phase: z.enum(['baseline', 'hot_spot', 'in_work', 'after_close']),
          partial: z.boolean(),
        }),
      ),
      baselineMean: z.number().nullable(),
      afterCloseMean: z.number().nullable(),
      afterCloseWeeks: z.number().int(),
    }),
  })
  .meta({ id: 'WorkOrder' });
