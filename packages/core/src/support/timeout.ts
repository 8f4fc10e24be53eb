// The one timeout helper, shared with the handlers through the plugin kit.
export { TimeoutError, withTimeout } from '@spinel/plugin-kit';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
