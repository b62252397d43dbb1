import { z } from 'zod';
import { USER_ROLES } from '#src/db/schema/enums';
import { MAX_PASSWORD_LENGTH } from '../auth/password-policy';

export const userIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const newUserBodySchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{1,31}$/, {
      error: 'use 2–32 lower-case letters, digits, dot, dash or underscore',
    }),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(USER_ROLES),
  teamId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    teamId: z.number().int().nullable(),
    teamName: z.string().nullable(),
    isDisabled: z.boolean(),
    lockedUntil: z.date().nullable(),
    lastSignInAt: z.date().nullable(),
    activeSessions: z.number().int(),
    bookSize: z.number().int(),
  })
  .meta({ id: 'User' });

export const userListSchema = z.object({ items: z.array(userSchema) }).meta({ id: 'UserList' });

export const teamListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        leadName: z.string().nullable(),
        members: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TeamList' });

export const endedSessionsSchema = z.object({ ended: z.number().int() });
