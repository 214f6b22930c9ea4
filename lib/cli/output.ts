// Where the CLI writes: the process's streams, or a buffer in tests.

export interface Output {
  print(line: string): void;
  error(line: string): void;
  /** Where a progress bar may be drawn: the error stream when it is a terminal, else none. */
  terminal?: NodeJS.WritableStream | undefined;
}

export const processOutput: Output = {
  print: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
  terminal: process.stderr.isTTY ? process.stderr : undefined,
};
