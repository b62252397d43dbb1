import { z } from 'zod';
import { USER_ROLES } from '#src/db/schema/enums';
import { MAX_PASSWORD_LENGTH } from './password-policy';
import { PERMISSIONS } from './permissions';

export const signInBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const meSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    teamId: z.number().int().nullable(),
    teamName: z.string().nullable(),
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meSchema>;
