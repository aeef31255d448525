/**
 * The roster's shift list as CSV (Papa Parse's unparse): UTF-8 with a BOM and CRLF line
 * ends, so Excel on Windows opens the Chinese headers and names correctly.
 */
import Papa from "papaparse";
import { type Lang, shiftList } from "../domain/export.ts";
import type { RosterResult } from "../domain/roster.ts";

export const CSV_TYPE = "text/csv; charset=utf-8";

/** The shift list's bytes: BOM, header row, one row per shift; times as "2026-11-10 18:00". */
export function rosterCsv(roster: RosterResult, lang: Lang = "zh"): Buffer {
  const table = shiftList(roster, lang);
  const rows = table.rows.map((cells) => cells.map((cell) => (typeof cell === "object" && cell !== null ? cell.local.replace("T", " ") : cell)));
  // Cells are already neutralised (domain/export.ts); Papa's own escaping would add a second quote.
  const text = Papa.unparse({ fields: table.headers, data: rows }, { newline: "\r\n", escapeFormulae: false });
  return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
}
