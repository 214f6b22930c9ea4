// One error hierarchy. Messages name the file, part or setting at fault but never quote message
// content: errors end up in logs.

export class GatewayError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/** A rule file is invalid: names the file and, where known, the line. */
export class RuleError extends GatewayError {
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, where: { file?: string; line?: number } = {}, options?: { cause?: unknown }) {
    const prefix = where.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
    super(`${prefix}${message}`, options);
    this.name = 'RuleError';
    this.file = where.file;
    this.line = where.line;
  }
}

/** Input that cannot be turned into a Message at all (not MIME, not a send body). */
export class InputError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A configured limit was exceeded (bytes, depth, parts, text). */
export class LimitError extends GatewayError {
  readonly limit: string;

  constructor(limit: string, message: string) {
    super(message);
    this.name = 'LimitError';
    this.limit = limit;
  }
}

/** A setting (environment variable, option) is missing or malformed: names the setting. */
export class ConfigError extends GatewayError {
  readonly setting: string;

  constructor(setting: string, message: string, options?: { cause?: unknown }) {
    super(`${setting}: ${message}`, options);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}
