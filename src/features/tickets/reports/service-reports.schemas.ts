import { z } from 'zod';
import { hotSpotSettingsSchema } from '#src/features/tickets/hot-spots/find-hot-spots';
import { HOT_SPOT_METHODS } from '#src/features/tickets/hot-spots/hot-spot-test';
import { TICKET_CATEGORIES } from '#src/features/tickets/sla/sla-matrix';
import { WORK_ORDER_STATUSES } from '#src/features/tickets/work-orders/work-order-status';
import { MAX_HOT_SPOT_WEEKS } from './hot-spots.service';
import { isMonday } from './iso-week';
import { SLA_REPORT_DIMENSIONS } from './sla-report';

// z.iso.date, not a refine: the document then says `format: date` with its pattern, as the check is.
const calendarDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const monday = calendarDate.refine(isMonday, { error: "must be a Monday (the week's first day)" });

export const localisedNameSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

// SLA report

export const slaReportQuerySchema = z.object({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  by: z.enum(SLA_REPORT_DIMENSIONS).default('category'),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() });

const slaRowFields = {
  key: z.string(),
  name: localisedNameSchema,
  total: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  closedLate: z.number().int(),
  openBreached: z.number().int(),
  openOnTrack: z.number().int(),
  decided: z.number().int(),
  onTimeRate: z.number().nullable(),
  interval: intervalSchema.nullable(),
  target: z.number(),
  targetMet: z.boolean().nullable(),
  clearlyBelowTarget: z.boolean(),
};
const slaChildRowSchema = z.object(slaRowFields);
const slaRowSchema = z.object({ ...slaRowFields, children: z.array(slaChildRowSchema).optional() });

export const slaReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    by: z.enum(SLA_REPORT_DIMENSIONS),
    timeZone: z.string(),
    asOf: z.string(),
    target: z.number(),
    rows: z.array(slaRowSchema),
    overall: slaChildRowSchema,
  })
  .meta({ id: 'SlaReport' });

// Hot spots

export const hotSpotsQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(MAX_HOT_SPOT_WEEKS).optional(),
  until: calendarDate.optional(),
});

const workOrderRefSchema = z.object({ id: z.number().int(), status: z.enum(WORK_ORDER_STATUSES) });

const hotSpotSchema = z.object({
  city: z.string(),
  district: z.string(),
  area: z.string(),
  category: z.enum(TICKET_CATEGORIES),
  categoryName: localisedNameSchema,
  weekStart: z.string(),
  week: z.string(),
  observed: z.number().int(),
  baselineMean: z.number(),
  expected: z.number(),
  ratio: z.number(),
  pValue: z.number(),
  logPValue: z.number(),
  qValue: z.number(),
  rank: z.number().int(),
  baselineWeeksUsed: z.number().int(),
  method: z.enum(HOT_SPOT_METHODS),
  workOrder: z.object({
    kind: z.string(),
    team: z.string(),
    area: z.string(),
    title: localisedNameSchema,
  }),
  existingWorkOrder: workOrderRefSchema.nullable(),
});

export const hotSpotSettingsDocumentSchema = z.object({
  q: z.number(),
  minCount: z.number(),
  minRatio: z.number(),
  baselineWeeks: z.number(),
  minBaselineWeeks: z.number(),
  baselineFloor: z.number(),
  method: z.enum(HOT_SPOT_METHODS),
});

export const hotSpotsSchema = z
  .object({
    until: z.string(),
    weeks: z.number().int(),
    timeZone: z.string(),
    settingsVersion: z.number().int(),
    settings: hotSpotSettingsDocumentSchema,
    weekReports: z.array(
      z.object({
        weekStart: z.string(),
        week: z.string(),
        cellsTested: z.number().int(),
        cellsWithoutBaseline: z.number().int(),
        hotSpots: z.number().int(),
      }),
    ),
    hotSpots: z.array(hotSpotSchema),
  })
  .meta({ id: 'HotSpots' });

export const hotSpotCellQuerySchema = z.object({
  city: z.string().trim().min(1).max(60),
  district: z.string().trim().min(1).max(60),
  category: z.enum(TICKET_CATEGORIES),
  weekStart: monday,
});

export const hotSpotCellSchema = z
  .object({
    city: z.string(),
    district: z.string(),
    area: z.string(),
    category: z.enum(TICKET_CATEGORIES),
    categoryName: localisedNameSchema,
    weekStart: z.string(),
    week: z.string(),
    settingsVersion: z.number().int(),
    hotSpot: hotSpotSchema.nullable(),
    series: z.array(
      z.object({
        weekStart: z.string(),
        week: z.string(),
        observed: z.number().int(),
        expected: z.number().nullable(),
      }),
    ),
    items: z.array(
      z.object({
        source: z.enum(['ticket', 'complaint']),
        ticketId: z.number().int().nullable(),
        ticketNo: z.string().nullable(),
        complaintNo: z.string().nullable(),
        title: z.string().nullable(),
        subscriberName: z.string(),
        openedAt: z.string(),
        category: z.string(),
        categoryName: localisedNameSchema,
        status: z.string(),
      }),
    ),
    itemsTruncated: z.boolean(),
    workOrder: workOrderRefSchema.nullable(),
  })
  .meta({ id: 'HotSpotCell' });

// Hot-spot settings document

/** The whole document (fields left out take their defaults), validated with each problem's path. */
export const saveHotSpotSettingsBodySchema = z
  .object({ document: hotSpotSettingsSchema, note: z.string().trim().max(500).nullish() })
  .strict();

export const hotSpotSettingsVersionSchema = z.object({
  version: z.number().int(),
  document: hotSpotSettingsDocumentSchema,
  createdAt: z.string().nullable(),
});
