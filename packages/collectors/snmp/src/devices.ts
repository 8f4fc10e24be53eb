import { SpinelError } from '@spinel/sdk';
import { SnmpDevice } from './client.js';
import type { DeviceRules } from './options.js';

/** A configured device and its session, kept from setup to teardown. */
export interface Device {
  name: string;
  rules: DeviceRules;
  client: SnmpDevice;
}

/** One session a device, with the entry's request timeout and retries. */
export function openDevices(devices: Readonly<Record<string, DeviceRules>>, requestTimeout: number, retries: number): Device[] {
  return Object.entries(devices).map(([name, rules]) => ({
    name,
    rules,
    client: new SnmpDevice({ host: rules.host, port: rules.port, community: rules.community, timeoutMs: requestTimeout * 1000, retries }),
  }));
}

export function closeDevices(devices: readonly Device[]): void {
  for (const device of devices) device.client.close();
}

/** Reads every device at once; a device that fails is named in one error after the others are read (the run's deadline ends all). */
export async function readDevices(devices: readonly Device[], signal: AbortSignal, read: (device: Device) => Promise<void>): Promise<void> {
  const failures: string[] = [];
  await Promise.all(
    devices.map((device) =>
      read(device).catch((error: unknown) => {
        if (signal.aborted) throw error;
        failures.push(`device ${device.name} (${device.rules.host}:${device.rules.port}): ${error instanceof Error ? error.message : String(error)}`);
      }),
    ),
  );
  if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
}
