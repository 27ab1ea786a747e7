import pino, { type LoggerOptions } from "pino";

/** A real pino logger writing to memory: each line kept raw and parsed. */
export function memoryLogger(options: LoggerOptions = {}) {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { base: undefined, timestamp: false, ...options },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line));
      },
    },
  );
  return { logger, lines, raw };
}
