import { z } from 'zod';

const userId = z.number().int().positive().max(2_147_483_647);

export const serviceGroupIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});

export const serviceGroupSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    leadUserId: z.number().int().nullable(),
    leadName: z.string().nullable(),
    managerUserId: z.number().int().nullable(),
    managerName: z.string().nullable(),
    members: z.array(
      z.object({
        userId: z.number().int(),
        name: z.string(),
        capacity: z.number().int(),
        /** Open and waiting tickets assigned to them, across groups: what assignment by load compares. */
        openTickets: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ServiceGroup' });
export type ServiceGroup = z.infer<typeof serviceGroupSchema>;

export const serviceGroupListSchema = z.array(serviceGroupSchema);

export const createServiceGroupBodySchema = z.object({ name: z.string().trim().min(1).max(120) }).strict();

export const replaceServiceGroupBodySchema = z
  .object({
    leadUserId: userId.nullable(),
    managerUserId: userId.nullable(),
    members: z
      .array(z.object({ userId, capacity: z.number().int().min(0).max(1000).default(10) }).strict())
      .max(500)
      .superRefine((members, ctx) => {
        const seen = new Set<number>();
        members.forEach((member, index) => {
          if (seen.has(member.userId)) {
            ctx.addIssue({ code: 'custom', path: [index, 'userId'], message: 'lists a member twice' });
          }
          seen.add(member.userId);
        });
      }),
  })
  .strict();
export type ReplaceServiceGroupBody = z.infer<typeof replaceServiceGroupBodySchema>;
