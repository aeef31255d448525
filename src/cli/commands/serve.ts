/** `peakcrew serve`: the web page and the API on one port (docs/security.md for sharing it). */
import { type ConfigFlags, readConfig } from "../../config.ts";
import { InputError } from "../../domain/errors.ts";
import { args, type Command, type CommandSpec, EXIT, type Io } from "../io.ts";
import { cliIssue, type Lang, say } from "../text.ts";

const spec: CommandSpec = {
  name: "serve",
  usage: "[--port N] [--host H] [--db FILE] [--time-limit-sec N] [--trust-proxy loopback|N|IP] [--allowed-host NAME]…",
  summary: {
    zh: "启动网页与 API。默认只监听 127.0.0.1；监听其他地址前须先用 peakcrew users add 添加经理账号（见 docs/security.md）。",
    en: "Serves the web page and the API. Binds 127.0.0.1 unless told; any other host needs a manager account first (peakcrew users add; docs/security.md).",
  },
  positionals: 0,
  flags: [
    { name: "port", value: "N", zh: "端口（默认 3000，或环境变量 PORT；0 为任选空闲端口）", en: "port (default 3000, or PORT; 0 picks a free one)" },
    { name: "host", value: "H", zh: "监听地址（默认 127.0.0.1）", en: "address to bind (default 127.0.0.1)" },
    { name: "db", value: "FILE", zh: "数据库文件（默认 PEAKCREW_DB 或 data/peakcrew.db）", en: "database file (default PEAKCREW_DB or data/peakcrew.db)" },
    { name: "time-limit-sec", value: "N", zh: "每次求解的时限秒数（默认 30，或 PEAKCREW_TIME_LIMIT_SEC）", en: "seconds one solve may take (default 30, or PEAKCREW_TIME_LIMIT_SEC)" },
    { name: "trust-proxy", value: "loopback|N|IP", zh: "位于反向代理之后时，信任哪个代理给出的客户端地址", en: "behind a reverse proxy: which proxy's client address to trust" },
    {
      name: "allowed-host",
      value: "NAME",
      multiple: true,
      zh: "另外接受的主机名（可重复；默认只接受本机名和所监听的地址）",
      en: "another host name to answer to (repeatable; loopback names and the bound address always are)",
    },
  ],
  example: "--port 3000 --db data/peakcrew.db",
};

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  // `npm start --port 3103` gives --port to npm (npm_config_port=true) and only "3103" to us.
  const stray = argv.find((a) => /^\d+$/.test(a));
  if (stray !== undefined && process.env.npm_config_port !== undefined) {
    throw new InputError([
      cliIssue(
        "--port",
        `npm 把 --port 留给了自己；请用 -- 传下去：npm start -- --port ${stray}（或 PORT=${stray} npm start）`,
        `npm kept --port for itself; pass it on with --: npm start -- --port ${stray} (or PORT=${stray} npm start)`,
      ),
    ]);
  }
  const { values } = args(argv, spec);
  const { "trust-proxy": trust, "allowed-host": hosts, ...flags } = values;
  const config = readConfig(flags as ConfigFlags);
  const trustProxy = typeof trust !== "string" ? undefined : /^\d+$/.test(trust) ? Number(trust) : trust;
  // Loaded here, not at the top: the server's packages (express, exceljs, …) would slow every other command's start.
  const { serve, envAllowedHosts } = await import("../../server.ts");
  const allowedHosts = [...((hosts as string[] | undefined) ?? []), ...envAllowedHosts()];
  const running = await listening(() => serve({ ...config, trustProxy, allowedHosts }), config.port);
  // Scripts and tests (bench/edge.ts, tests/server.test.ts) read the address from this line, in either language.
  io.stdout(say(lang, `PeakCrew 已启动：${running.url}（数据库：${config.dbFile}）\n`, `PeakCrew is serving ${running.url}  (database: ${config.dbFile})\n`));
  // SIGTERM / Ctrl-C: stop taking requests, finish or stop the solves, close the database, exit 0.
  const stop = (signal: NodeJS.Signals) => {
    io.stdout(say(lang, `${signal}：PeakCrew 正在停止…\n`, `${signal}: PeakCrew is stopping…\n`));
    running.close().then(
      () => process.exit(EXIT.ok),
      (error: unknown) => {
        io.stderr(`${say(lang, "停止时内部错误", "internal error while stopping")}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(EXIT.internal);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return EXIT.ok;
}

/** A busy or forbidden port is bad input: one line naming it and how to pick another, not a stack trace. */
async function listening<T>(start: () => Promise<T>, port: number): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EADDRINUSE" && code !== "EACCES") throw error;
    const other = port === 65535 ? 3001 : port + 1;
    const busy = code === "EADDRINUSE";
    throw new InputError([
      cliIssue(
        "--port",
        `端口 ${port} ${busy ? "已被其他程序占用" : "当前用户无权打开"}；请换一个：npm start -- --port ${other}，或 PORT=${other} npm start`,
        `port ${port} ${busy ? "is in use by another program" : "may not be opened by this user"}; pick another: npm start -- --port ${other}, or PORT=${other} npm start`,
      ),
    ]);
  }
}

export const serve: Command = { spec, run };
