import type { Session } from '#src/db/transaction';
import type { ImportKind, IngestContext } from '../import-report';
import type { RejectedRow, RowRules } from './field-reader';
import type { FileColumn, HeaderIndex } from './header-check';
import type { StagingCsv, StagingTable } from './staging';

export type RelationalKind = Extract<ImportKind, 'plans' | 'subscribers' | 'contracts' | 'complaints'>;

/** The part of IngestContext relational imports use (the usage store is not touched); any IngestContext fits. */
export type RelationalContext = Pick<IngestContext, 'handle' | 'timeZone' | 'today'>;

/** Cells of one record → the typed row, or every problem found in it. */
export type RowParser<Row> = (cells: readonly string[], line: number) => Row | RejectedRow;

/**
 * Everything that differs between the relational kinds; the streaming, staging, error
 * reporting and transaction handling around it are shared (relational-import.ts).
 */
export type RelationalImportDefinition<Row> = {
  kind: RelationalKind;
  /** The file's columns as docs/data-formats.md lists them. */
  columns: readonly FileColumn[];
  staging: StagingTable;
  /** Builds the row parser for one file; may read reference data inside the transaction (plan codes). */
  rowParser(session: Session, header: HeaderIndex, rules: RowRules): Promise<RowParser<Row>>;
  /** Writes one staging CSV record in `staging.columns` order. */
  writeStaging(out: StagingCsv, line: number, row: Row): void;
  /** Set-based checks over all staged rows (duplicates, unknown references) into the staged errors table. */
  checkStaged(session: Session): Promise<void>;
  /**
   * Upserts the staged rows. `present` holds the file's columns: optional columns left out of the
   * file keep their stored values on rows that already exist.
   */
  apply(session: Session, present: ReadonlySet<string>): Promise<void>;
};
