import type { LogFields, Logger } from '@spinel/sdk';

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

/**
 * A logger that records lines for assertions instead of writing them; it keeps the newest
 * `limit` lines, so a long leak measurement does not mistake the log for a leak.
 */
export function captureLogger(limit = 1000): Logger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at = (level: CapturedLog['level']) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
    if (lines.length > limit) lines.splice(0, lines.length - limit);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
