/**
 * The shop's per-agent service report at the edge (赤兔 / 千牛 客服绩效, CSV in GBK or UTF-8, or
 * xlsx, read as actuals files are) → the domain's agent rows → the chat model's estimates.
 */
import { readTableFile } from "./actuals-file.ts";
import type { TextEncoding } from "./csv.ts";
import { type ChatCalibration, type ChatEstimateOptions, estimateChat } from "./domain/chat-estimate.ts";
import { type ChatReportParse, parseChatReport } from "./domain/chat-report.ts";

export type ChatReportFile = ChatReportParse & { format: "csv" | "xlsx"; encoding: TextEncoding | null };

/** Reads the report; InputError names each bad cell by line and column (a workbook's line is its sheet row). */
export async function readChatReportFile(bytes: Uint8Array, options: { fileName?: string | undefined; encoding?: TextEncoding | undefined } = {}): Promise<ChatReportFile> {
  const table = await readTableFile(bytes, options);
  return { ...parseChatReport(table.records), format: table.format, encoding: table.encoding };
}

/** What an upload answers: how the file was read, its notes, and the estimates (nothing saved). */
export type ChatReportAnswer = { format: "csv" | "xlsx"; encoding: TextEncoding | null; notes: string[] } & ChatCalibration;

export async function calibrateFromFile(bytes: Uint8Array, options: { fileName?: string | undefined; encoding?: TextEncoding | undefined } & ChatEstimateOptions = {}): Promise<ChatReportAnswer> {
  const { fallbackSlowdown, ...read } = options;
  const file = await readChatReportFile(bytes, read);
  return { format: file.format, encoding: file.encoding, notes: file.notes, ...estimateChat(file.rows, { fallbackSlowdown }) };
}
