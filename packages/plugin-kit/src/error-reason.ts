/**
 * The short reason a connection failed, for a message that already names the server: a system
 * error's code (`ECONNREFUSED`, `ETIMEDOUT`), otherwise the error's message (what a server said:
 * `password authentication failed for user "x"`). Client libraries' own codes (`28P01`,
 * `ER_ACCESS_DENIED_ERROR`) are not system codes and give way to the message.
 */
export function errorReason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (typeof e.message === 'string' && e.message !== '') return e.message;
  return typeof e.code === 'string' ? e.code : String(error);
}
