import type { CONTRACT_KINDS, CONTRACT_STATUSES } from '#src/db/schema/enums';
import { FieldReader, type RejectedRow } from './field-reader';
import { parseIsoDate, parseMoneyFen } from './field-rules';
import type { FileColumn, HeaderIndex } from './header-check';
import { parseContractKind, parseContractStatus, parseMsisdn } from './vocabularies';

/** docs/data-formats.md § contracts. */
export const CONTRACT_COLUMNS: readonly FileColumn[] = [
  { name: 'contract_no', required: true },
  { name: 'msisdn', required: true },
  { name: 'kind', required: true },
  { name: 'start_date', required: true },
  { name: 'end_date', required: true },
  { name: 'monthly_commitment_yuan', required: false },
  { name: 'status', required: false },
];

export type ContractRow = {
  contractNo: string;
  msisdn: string;
  kind: (typeof CONTRACT_KINDS)[number];
  startDate: string;
  endDate: string;
  monthlyCommitmentFen: number;
  status: (typeof CONTRACT_STATUSES)[number];
};

export function parseContractRow(
  cells: readonly string[],
  header: HeaderIndex,
  line: number,
): ContractRow | RejectedRow {
  const r = new FieldReader(cells, header, line);
  const contractNo = r.requiredText('contract_no');
  const msisdn = r.required('msisdn', parseMsisdn, '');
  const kind = r.required('kind', parseContractKind, 'handset');
  const startDate = r.required('start_date', parseIsoDate, '');
  const endDate = r.required('end_date', parseIsoDate, '');
  if (startDate !== '' && endDate !== '' && endDate < startDate) {
    r.fail('end_date', endDate, `is before start_date (${startDate})`);
  }
  return r.result({
    contractNo,
    msisdn,
    kind,
    startDate,
    endDate,
    monthlyCommitmentFen: r.optional('monthly_commitment_yuan', parseMoneyFen, 0),
    status: r.optional('status', parseContractStatus, 'active'),
  });
}
