/**
 * CSV at the edge: bytes → text (UTF-8 or GB18030/GBK, detected) → records with their line
 * numbers (Papa Parse), for the domain's row parsers.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { describeHistory, type HistoryParse, type HistorySummary, parseHistory } from "./domain/history-parse.ts";
import type { CsvRecord } from "./domain/staff.ts";
import { InputError, type InputIssue, issue } from "./domain/errors.ts";
import { MAX_CSV_ROWS, MAX_ERROR_ISSUES } from "./domain/limits.ts";

export type TextEncoding = "utf-8" | "gb18030";

/**
 * Decodes a CSV file's bytes. A UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8;
 * anything else is read as GB18030, the superset of GBK and GB2312 that Chinese tools
 * (Excel "CSV", 千牛, 生意参谋) export. Valid-UTF-8 first is the reliable test: Chinese
 * text in GBK is practically never valid UTF-8, while statistical detectors misjudge
 * short files. `encoding` forces one.
 */
export function decodeCsv(bytes: Uint8Array, encoding?: TextEncoding): { text: string; encoding: TextEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chosen = encoding ?? (isUtf8(buffer) ? "utf-8" : "gb18030");
  const text = chosen === "utf-8" ? buffer.toString("utf8") : iconv.decode(buffer, "gb18030");
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: chosen };
}

/**
 * Parses CSV text (Papa Parse; the delimiter is detected, a UTF-8 BOM dropped, \r\n and \n
 * both accepted, blank rows skipped) into records with the line each starts on. A malformed file is InputError
 * naming the line.
 */
export function readCsv(text: string, maxRows = MAX_CSV_ROWS): CsvRecord[] {
  // One line ending throughout (rows appended in another editor mix \r\n and \n).
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  const records: CsvRecord[] = [];
  const issues: InputIssue[] = [];
  // Line numbers: count the line breaks up to where each row starts (Papa reports offsets).
  let offset = 0;
  let counted = 0;
  let line = 1;
  let badRows = 0;
  let tooLong = false;
  Papa.parse<string[]>(body, {
    newline: "\n",
    skipEmptyLines: false,
    step: (row, parser) => {
      let start = offset;
      while (body[start] === "\n") start++;
      for (let i = body.indexOf("\n", counted); i !== -1 && i < start; i = body.indexOf("\n", i + 1)) line++;
      counted = start;
      offset = row.meta.cursor;
      for (const error of row.errors) {
        // Too few columns to tell the delimiter: Papa falls back to a comma, which is right.
        if (error.code !== "UndetectableDelimiter" && ++badRows <= MAX_ERROR_ISSUES) issues.push({ path: `line ${line}`, ...issue("csv_malformed", { reason: error.message }, error.message) });
      }
      const cells = row.data;
      if (cells.length === 1 && (cells[0] as string).trim() === "") return;
      // The header and `maxRows` data rows; a file with more is refused without reading on.
      if (records.length > maxRows) {
        tooLong = true;
        parser.abort();
        return;
      }
      records.push({ line, cells });
    },
  });
  if (tooLong) {
    throw new InputError([{ path: `line ${line}`, ...issue("csv_too_many_rows", { maximum: maxRows }, `the file has more than ${maxRows.toLocaleString("en")} rows; split it or send fewer`) }]);
  }
  if (badRows > MAX_ERROR_ISSUES) issues.push({ path: "csv", ...issue("csv_more_malformed", { count: badRows - MAX_ERROR_ISSUES }, `and ${badRows - MAX_ERROR_ISSUES} more malformed rows`) });
  if (issues.length > 0) throw new InputError(issues);
  return records;
}

/** A history file's bytes → checked hours and their summary; InputError names each bad cell by line and column. */
export function readHistoryCsv(bytes: Uint8Array, encoding?: TextEncoding): HistoryParse & { summary: HistorySummary; encoding: TextEncoding } {
  const decoded = decodeCsv(bytes, encoding);
  const parsed = parseHistory(readCsv(decoded.text));
  return { ...parsed, summary: describeHistory(parsed), encoding: decoded.encoding };
}
