// The machine's RabbitMQ (127.0.0.1:5672, guest/guest), with its management plugin enabled
// when it is not (the one change a test makes to it: a plugin that only adds the HTTP API on
// 127.0.0.1:15672). Tests create and delete queues of their own, never the server's others.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { listening } from './process.mjs';

export const RABBITMQ_PLUGINS = '/usr/sbin/rabbitmq-plugins';
export const MANAGEMENT_PORT = 15672;

/** Resolves true once the management API answers, enabling the plugin first if need be. */
export async function rabbitmqManagement({ waitMs = 60_000 } = {}) {
  if (!(await listening(5672))) return { ok: false, reason: 'nothing listens on 127.0.0.1:5672' };
  if (!(await listening(MANAGEMENT_PORT))) {
    if (!existsSync(RABBITMQ_PLUGINS)) return { ok: false, reason: `${RABBITMQ_PLUGINS} is missing, so the management plugin cannot be enabled` };
    try {
      execFileSync(RABBITMQ_PLUGINS, ['enable', 'rabbitmq_management'], { stdio: 'pipe', timeout: 60_000 });
    } catch (error) {
      return { ok: false, reason: `rabbitmq-plugins enable rabbitmq_management failed: ${String(error.stderr ?? error.message).trim()}` };
    }
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${MANAGEMENT_PORT}/api/overview`, {
        headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
      });
      if (response.ok) return { ok: true, url: `http://127.0.0.1:${MANAGEMENT_PORT}` };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ok: false, reason: `the management API did not answer on 127.0.0.1:${MANAGEMENT_PORT} within ${waitMs / 1000} s` };
}
