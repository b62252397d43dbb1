/** The two columnar datasets: monthly bills and daily usage, both partitioned by billing month. */
export const USAGE_DATASETS = ['bills', 'usage'] as const;
export type UsageDataset = (typeof USAGE_DATASETS)[number];

export type StoredColumn = { name: string; type: string };

/**
 * The stored Parquet schema of each dataset, in file order. Importers cast every output column to
 * these types so all files of a dataset read as one relation; readers get an empty relation of
 * the same shape when nothing is imported yet. `month` is the first day of the billing month.
 * Rows carry subscriber_id, never the MSISDN (personal-data minimisation).
 */
export const DATASET_COLUMNS: Record<UsageDataset, readonly StoredColumn[]> = {
  bills: [
    { name: 'subscriber_id', type: 'BIGINT' },
    { name: 'month', type: 'DATE' },
    { name: 'total_fen', type: 'BIGINT' },
    { name: 'voice_fen', type: 'BIGINT' },
    { name: 'data_fen', type: 'BIGINT' },
    { name: 'sms_fen', type: 'BIGINT' },
    { name: 'value_added_fen', type: 'BIGINT' },
    { name: 'overage_fen', type: 'BIGINT' },
    { name: 'minutes', type: 'INTEGER' },
    { name: 'data_mb', type: 'DOUBLE' },
    { name: 'sms_count', type: 'INTEGER' },
  ],
  usage: [
    { name: 'subscriber_id', type: 'BIGINT' },
    { name: 'date', type: 'DATE' },
    { name: 'month', type: 'DATE' },
    { name: 'calls_out', type: 'INTEGER' },
    { name: 'calls_in', type: 'INTEGER' },
    { name: 'minutes', type: 'INTEGER' },
    { name: 'distinct_contacts', type: 'INTEGER' },
    { name: 'data_mb', type: 'DOUBLE' },
    { name: 'night_data_mb', type: 'DOUBLE' },
    { name: 'competitor_hotline_calls', type: 'INTEGER' },
    { name: 'competitor_marketing_contacts', type: 'INTEGER' },
  ],
};

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A billing month as the store names it: YYYY-MM. */
export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}
