/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** The logger every plugin receives. Each call writes one line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
