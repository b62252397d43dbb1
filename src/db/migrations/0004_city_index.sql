DROP INDEX "subscribers_city_idx";--> statement-breakpoint
CREATE INDEX "subscribers_city_idx" ON "subscribers" USING btree ("city" COLLATE "C");