import type { ImportOptions, ImportReport } from '../import-report';
import { CONTRACT_COLUMNS, type ContractRow, parseContractRow } from './contracts.rows';
import type { RelationalContext, RelationalImportDefinition } from './import-definition';
import { runRelationalImport } from './relational-import';
import {
  checkDuplicateKeys,
  checkKnownMsisdns,
  type StagingCsv,
  type StagingTable,
  updateChangedClause,
} from './staging';

const STAGING: StagingTable = {
  name: 'staging_contracts',
  columns: [
    { name: 'line', type: 'integer' },
    { name: 'msisdn', type: 'text' },
    { name: 'contract_no', type: 'text' },
    { name: 'kind', type: 'text' },
    { name: 'start_date', type: 'date' },
    { name: 'end_date', type: 'date' },
    { name: 'monthly_commitment_fen', type: 'integer' },
    { name: 'status', type: 'text' },
  ],
};

const UPDATABLE: readonly { file: string; table: string }[] = [
  { file: 'kind', table: 'kind' },
  { file: 'start_date', table: 'start_date' },
  { file: 'end_date', table: 'end_date' },
  { file: 'monthly_commitment_yuan', table: 'monthly_commitment_fen' },
  { file: 'status', table: 'status' },
];

export function writeContractStaging(out: StagingCsv, line: number, c: ContractRow): void {
  out.plain(line);
  out.plain(c.msisdn);
  out.text(c.contractNo);
  out.plain(c.kind);
  out.plain(c.startDate);
  out.plain(c.endDate);
  out.plain(c.monthlyCommitmentFen);
  out.plain(c.status);
  out.endRow();
}

/** Upsert on (subscriber, contract_no); the MSISDN check has already refused unknown subscribers. */
export function upsertContractsSql(present: ReadonlySet<string>): string {
  const updatable = UPDATABLE.filter((c) => present.has(c.file)).map((c) => c.table);
  return `INSERT INTO contracts AS t (subscriber_id, contract_no, kind, start_date, end_date, monthly_commitment_fen, status)
    SELECT s.id, st.contract_no, st.kind, st.start_date, st.end_date, st.monthly_commitment_fen, st.status
    FROM ${STAGING.name} st JOIN subscribers s ON s.msisdn = st.msisdn
    ON CONFLICT (subscriber_id, contract_no) DO ${updateChangedClause('t', updatable)}`;
}

const CONTRACTS: RelationalImportDefinition<ContractRow> = {
  kind: 'contracts',
  columns: CONTRACT_COLUMNS,
  staging: STAGING,
  rowParser: async (_session, header) => (cells, line) => parseContractRow(cells, header, line),
  writeStaging: writeContractStaging,
  checkStaged: async (session) => {
    await checkDuplicateKeys(session, STAGING.name, ['msisdn', 'contract_no'], 'msisdn + contract_no');
    await checkKnownMsisdns(session, STAGING.name);
  },
  apply: async (session, present) => {
    await session.query(upsertContractsSql(present));
  },
};

/** Loads a contracts CSV (docs/data-formats.md § contracts): upsert on (msisdn, contract_no), all or nothing. */
export function importContracts(
  ctx: RelationalContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runRelationalImport(CONTRACTS, ctx, filePath, options);
}
