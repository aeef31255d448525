/**
 * Realistic limits on every input (DESIGN.md "Quality bars: Safe"; docs/security.md "Limits"
 * says why each one is where it is). The schemas, the domain's derived checks, the CSV
 * readers and the error handler read them from here, so no limit is written twice.
 */

/** Longest planning window (plan, design instance, curve arrays): one month. */
export const MAX_WINDOW_DAYS = 31;
/** Shortest and longest interval of a queueing question or a design instance, minutes. */
export const MIN_INTERVAL_MIN = 5;
export const MAX_INTERVAL_MIN = 60;
/** Most intervals a design instance may have: 31 days at 5 minutes. */
export const MAX_DESIGN_INTERVALS = (MAX_WINDOW_DAYS * 24 * 60) / MIN_INTERVAL_MIN;

/** Most chats arriving in one interval of one queue (Tmall's busiest shops see well under this). */
export const MAX_ARRIVALS_PER_INTERVAL = 1_000_000;
/** Largest sales target: 1,000 亿 yuan, several times the Double-11 GMV of Tmall's largest single shops. */
export const MAX_SALES_TARGET_YUAN = 1e11;
/** Largest order value, yuan; the smallest is 1 yuan (a smaller one multiplies orders beyond any shop). */
export const MAX_ORDER_VALUE_YUAN = 1_000_000;
/** Most receptions one agent handles in a working day (客服饱和接待量). */
export const MAX_SATURATION_PER_AGENT_DAY = 10_000;

/** Handle time and patience, seconds: 1 s to 2 h. */
export const MIN_SECONDS = 1;
export const MAX_HANDLE_SEC = 7200;
/** Longest answer target (targetSec), seconds. */
export const MAX_TARGET_SEC = 3600;
/** Lowest occupancy cap: below it a centre is idle most of the day. */
export const MIN_OCCUPANCY = 0.3;
/** Most concurrent chats per agent (the chat model's K has the same cap). */
export const MAX_CONCURRENCY = 10;

/** Shift lengths, hours. */
export const MIN_SHIFT_HOURS = 1;
export const MAX_SHIFT_HOURS = 16;
/** Most concrete shifts a design or a roster may enumerate (the start grid × lengths × break places). */
export const MAX_SHIFTS = 100_000;

/**
 * Most agents one interval of one queue may need. The Erlang search stops here (MAX_AGENTS in
 * erlang.ts is this number), and a plan or design whose requirement goes beyond it is refused.
 */
export const MAX_AGENTS_PER_INTERVAL = 200_000;
/**
 * The most work one plan's service-level requirement may cost: Σ over intervals and queues of
 * the agents the search starts from (offered load ÷ occupancy cap; for the Erlang Chat model
 * the load were each agent to hold K chats). Calibrated by `npm run bench` ("at the caps") so
 * the worst plan stays about 200 ms on the main thread, by either model.
 */
export const MAX_PLAN_SEARCH_AGENTS = 2_000_000;

/** Most people in one staff pool. */
export const MAX_STAFF = 5_000;
/**
 * Most data rows of a CSV (history, staff, actuals export): two years of hourly history. Reading
 * stops at the first row beyond it, so a huge file costs no more than this many rows.
 */
export const MAX_CSV_ROWS = 20_000;
/**
 * Largest file upload (history CSV, actuals CSV or xlsx): 20,000 hourly rows of the seven
 * history columns are 0.9 MB in GBK. Decoding runs over the whole body before the row cap
 * can stop the parse, so this bounds a junk file's cost too (2 MB ≈ 180 ms).
 */
export const MAX_UPLOAD_BYTES = 2 * 2 ** 20;

/** An error body lists this many issues and counts the rest. */
export const MAX_ERROR_ISSUES = 20;
/** Input echoed in an error message is cut to this many characters. */
export const MAX_ECHO_CHARS = 80;
