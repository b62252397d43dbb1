import type { Database } from '#src/db/client';
import { seedOffers } from '#src/features/offers/offer-catalogue-seed';
import { seedScripts } from '#src/features/scripts/scripts-seed';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';

/**
 * The product's starting catalogue: call scripts, the offer catalogue (its offers name scripts) and
 * care SMS templates. Each seed only inserts what is missing, so analysts' edits survive restarts.
 */
export async function seedReferenceData(db: Database): Promise<void> {
  await seedScripts(db);
  await seedOffers(db);
  await seedSmsTemplates(db);
}
