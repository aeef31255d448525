/**
 * A roster as an Excel workbook (exceljs): the shift list, one timeline sheet per day and
 * the coverage, laid out from the tables of domain/export.ts. Headers are frozen, columns
 * sized to their content, times are real date cells in the plan zone's wall clock.
 */
import type ExcelJS from "exceljs";
import { loadExcel } from "../excel.ts";
import { type Cell, coverageTable, dayTimelines, exportText, type Lang, shiftList, type Table } from "../domain/export.ts";
import type { RosterResult } from "../domain/roster.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Fills matching the page's chart colours: pre-sales orange, after-sales blue, breaks grey, shortfall red. */
const FILL = { presales: "FFFDBA74", aftersales: "FF93C5FD", break: "FFE5E7EB", short: "FFFECACA", header: "FFF1F5F9" } as const;
const DATE_TIME = "yyyy-mm-dd hh:mm";
/** Printed (or saved as PDF): A4 (paper size 9) landscape, as wide as one page, the header row on every page. */
const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" };

const SHEETS = {
  zh: { list: "排班名单", coverage: "覆盖", day: (date: string) => `${date.slice(5)} 排班`, legend: "图例：前 = 售前，后 = 售后，休 = 休息", mark: { presales: "前", aftersales: "后", break: "休" } },
  en: {
    list: "Shifts",
    coverage: "Coverage",
    day: (date: string) => `${date.slice(5)} timeline`,
    legend: "Legend: P = pre-sales, A = after-sales, B = break",
    mark: { presales: "P", aftersales: "A", break: "B" },
  },
} as const;

/** The workbook's bytes. `lang` picks the headers (Chinese by default). */
export async function rosterWorkbook(roster: RosterResult, planName: string, lang: Lang = "zh"): Promise<Buffer> {
  const sheets = SHEETS[lang];
  const book = new (await loadExcel()).Workbook();
  book.creator = "PeakCrew";
  book.title = planName;

  const list = book.addWorksheet(sheets.list, { views: [{ state: "frozen", ySplit: 1 }], pageSetup: PRINT });
  writeTable(list, shiftList(roster, lang));

  const text = exportText(lang);
  for (const day of dayTimelines(roster)) {
    const sheet = book.addWorksheet(sheets.day(day.date), { views: [{ state: "frozen", xSplit: 3, ySplit: 1 }], pageSetup: PRINT });
    sheet.addRow([...text.timeline, ...day.slots]);
    for (const person of day.rows) {
      const row = sheet.addRow([person.name, person.id, person.queues.map((q) => text.queue[q]).join("/"), ...person.slots.map((s) => (s ? sheets.mark[s] : null))]);
      person.slots.forEach((state, i) => {
        if (!state) return;
        const cell = row.getCell(4 + i);
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[state] } };
        cell.alignment = { horizontal: "center" };
      });
    }
    sheet.addRow([]);
    sheet.addRow([sheets.legend]);
    styleHeader(sheet);
    // The time-slot headers sit over their centred marks.
    for (let c = 4; c < 4 + day.slots.length; c++) sheet.getRow(1).getCell(c).alignment = { horizontal: "center" };
    sheet.getColumn(1).width = widthOf(
      day.rows.map((r) => r.name),
      text.timeline[0],
    );
    sheet.getColumn(2).width = widthOf(
      day.rows.map((r) => r.id),
      text.timeline[1],
    );
    sheet.getColumn(3).width = 10;
    for (let c = 4; c < 4 + day.slots.length; c++) sheet.getColumn(c).width = 5.5;
  }

  const coverage = book.addWorksheet(sheets.coverage, { views: [{ state: "frozen", ySplit: 1 }], pageSetup: PRINT });
  const table = coverageTable(roster, lang);
  writeTable(coverage, table);
  table.rows.forEach((cells, r) => {
    for (const c of [3, 7]) {
      if ((cells[c] as number) > 0) coverage.getRow(r + 2).getCell(c + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL.short } };
    }
  });

  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Writes a header row and the rows; date-time cells get a date format; widths fit the text;
 * each header aligns as its values do (numbers and times right, text left). Numbers keep
 * Excel's General format, so 4 hours read 4 and 7.5 read 7.5.
 */
function writeTable(sheet: ExcelJS.Worksheet, table: Table): void {
  sheet.addRow(table.headers);
  for (const cells of table.rows) sheet.addRow(cells.map(toExcel));
  styleHeader(sheet);
  table.headers.forEach((header, c) => {
    const column = sheet.getColumn(c + 1);
    const sample = table.rows.find((r) => r[c] !== null && r[c] !== undefined && r[c] !== "")?.[c];
    sheet.getRow(1).getCell(c + 1).alignment = { horizontal: typeof sample === "number" || isTime(sample) ? "right" : "left" };
    if (isTime(sample)) {
      column.numFmt = DATE_TIME;
      column.width = 18;
    } else {
      column.width = widthOf(
        table.rows.map((r) => String(r[c] ?? "")),
        header,
      );
    }
  });
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL.header } };
  });
}

function isTime(cell: Cell | undefined): cell is { local: string } {
  return typeof cell === "object" && cell !== null;
}

/** A wall-clock time as the Date exceljs stores as that same clock reading (it writes Dates as UTC serials). */
function toExcel(cell: Cell): string | number | Date | null {
  return isTime(cell) ? new Date(`${cell.local}:00Z`) : cell;
}

/** Column width for the longest text, counting CJK characters double (as Excel draws them). */
function widthOf(texts: string[], header: string): number {
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const longest = Math.max(width(header), ...texts.slice(0, 2000).map(width));
  return Math.min(40, Math.max(8, longest + 2));
}
