/**
 * The night's export file at the edge: CSV (GBK or UTF-8, detected as history files are) or
 * xlsx (exceljs, the first sheet) → records with their line numbers → the domain's actuals.
 */
import type ExcelJS from "exceljs";
import { loadExcel } from "./excel.ts";
import { decodeCsv, readCsv, type TextEncoding } from "./csv.ts";
import { type ActualsGrid, type ActualsParse, parseActuals } from "./domain/actuals.ts";
import { InputError, issue } from "./domain/errors.ts";
import type { CsvRecord } from "./domain/staff.ts";

export type ActualsFileOptions = ActualsGrid & {
  /** The upload's name, if known: `.xlsx` picks the workbook reader (so do the bytes of a zip). */
  fileName?: string | undefined;
  /** Forces a CSV's encoding; detected otherwise. */
  encoding?: TextEncoding | undefined;
};

/** What was read: the actuals, and how the file was read (encoding null for a workbook). */
export type ActualsFile = ActualsParse & { format: "csv" | "xlsx"; encoding: TextEncoding | null };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads a 千牛 / 赤兔 export of the night so far onto the plan's grid (see `parseActuals`).
 * A workbook's line numbers are its sheet's row numbers. Throws InputError naming the line
 * and column of each bad cell, or the file when it is not CSV or xlsx.
 */
export async function readActualsFile(bytes: Uint8Array, options: ActualsFileOptions): Promise<ActualsFile> {
  const { fileName, encoding, ...grid } = options;
  const table = await readTableFile(bytes, { fileName, encoding });
  return { ...parseActuals(table.records, grid), format: table.format, encoding: table.encoding };
}

/**
 * A shop's export as records: an xlsx workbook's first sheet (by its bytes or a `.xlsx` name),
 * else CSV in UTF-8 or GB18030 (detected unless `encoding` forces one). An Excel 97–2003
 * workbook is refused, naming the file.
 */
export async function readTableFile(
  bytes: Uint8Array,
  options: { fileName?: string | undefined; encoding?: TextEncoding | undefined },
): Promise<{ records: CsvRecord[]; format: "csv" | "xlsx"; encoding: TextEncoding | null }> {
  const { fileName, encoding } = options;
  if (startsWith(bytes, OLE) || /\.xls$/i.test(fileName ?? "")) {
    throw new InputError([{ path: "file", ...issue("file_xls", {}, "an Excel 97–2003 (.xls) workbook cannot be read; save it as .xlsx or CSV") }]);
  }
  if (startsWith(bytes, ZIP) || /\.xlsx$/i.test(fileName ?? "")) return { records: await readXlsx(bytes), format: "xlsx", encoding: null };
  const decoded = decodeCsv(bytes, encoding);
  return { records: readCsv(decoded.text), format: "csv", encoding: decoded.encoding };
}

/** The first sheet's rows as text cells, each with its row number. */
export async function readXlsx(bytes: Uint8Array): Promise<CsvRecord[]> {
  const book = new (await loadExcel()).Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (its own `Buffer`); a copy of just these bytes.
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new InputError([{ path: "file", ...issue("file_not_xlsx", {}, "the file is not a readable xlsx workbook") }]);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new InputError([{ path: "file", ...issue("file_no_sheet", {}, "the workbook has no sheet") }]);
  const records: CsvRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records.push({ line, cells: Array.from(cells, (c) => c ?? "") });
  });
  return records;
}

/**
 * A cell as the text a CSV would hold. A date is shown as its wall-clock reading,
 * "YYYY-MM-DD HH:mm": Excel stores no zone, and exceljs hands dates over as UTC instants of
 * that reading (the roster export writes them the same way), so the plan's zone applies later.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const rounded = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
    return `${rounded.slice(0, 10)} ${rounded.slice(11, rounded.endsWith(":00.000Z") ? 16 : 19)}`;
  }
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return value.error;
  return cellText(value.result ?? null);
}
