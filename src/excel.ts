/**
 * exceljs, loaded when a workbook is first read or written (its import costs about 0.2 s here),
 * not with the server or every CLI command. The export writer and the actuals reader use it.
 */
import type ExcelJS from "exceljs";

export const loadExcel = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;
