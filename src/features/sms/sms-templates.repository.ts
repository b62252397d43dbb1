import { asc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { smsTemplates } from '#src/db/schema/contacts';

export type SmsTemplateRow = typeof smsTemplates.$inferSelect;

export async function findTemplate(db: Database, code: string): Promise<SmsTemplateRow | undefined> {
  const [row] = await db.select().from(smsTemplates).where(eq(smsTemplates.code, code));
  return row;
}

export function findAllTemplates(db: Database): Promise<SmsTemplateRow[]> {
  return db.select().from(smsTemplates).orderBy(asc(smsTemplates.code));
}

export async function upsertTemplate(
  db: Database,
  template: Omit<SmsTemplateRow, 'updatedAt'>,
): Promise<SmsTemplateRow> {
  const { code, ...fields } = template;
  const [row] = await db
    .insert(smsTemplates)
    .values({ ...template, updatedAt: new Date() })
    .onConflictDoUpdate({ target: smsTemplates.code, set: { ...fields, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`sms_templates upsert of ${code} returned nothing`);
  return row;
}
