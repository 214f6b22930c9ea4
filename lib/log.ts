// A tiny structured logger: one JSON object per line. The interface is the shape Powertools Logger
// offers, so a Lambda can back it with Powertools and the rest of lib/ never knows the difference.
// Fields must never carry personal data: ids, counts, rule ids, error names — not addresses'
// local parts, subjects, file names or matched values.

export type LogFields = Record<string, string | number | boolean | string[] | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'INFO' | 'WARN' | 'ERROR';

/** Writes JSON lines through `write` (stdout by default), each with a time, a level and `base`. */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`), base: LogFields = {}): Logger {
  const emit = (level: Level, message: string, fields: LogFields = {}): void => {
    write(JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...base, ...fields }));
  };
  return {
    info: (message, fields) => emit('INFO', message, fields),
    warn: (message, fields) => emit('WARN', message, fields),
    error: (message, fields) => emit('ERROR', message, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** What a log line may say about an error: its name and, where Node gives one, its code. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const code = (error as NodeJS.ErrnoException).code;
  return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
}
