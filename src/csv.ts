/** Reads CSV text into records with their line numbers (csv-parse), for the domain's row parsers. */
import { parse } from "csv-parse/sync";
import type { CsvRecord } from "./domain/staff.ts";
import { InputError } from "./domain/errors.ts";

/** Parses CSV text (a UTF-8 BOM is dropped); a malformed file is InputError naming the line. */
export function readCsv(text: string): CsvRecord[] {
  try {
    // With `info: true` csv-parse returns {record, info} per row; its types do not model that option.
    // Accept \r\n and \n in one file: rows appended in another editor are common.
    const options = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n"] };
    const rows = parse(text, options) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError([{ path: line === undefined ? "csv" : `line ${line}`, message: (error as Error).message }]);
  }
}
