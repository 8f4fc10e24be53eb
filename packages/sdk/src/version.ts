/**
 * The plugin API version this SDK implements. The agent refuses a plugin whose
 * definition carries a different major API version.
 */
export const SDK_API_VERSION = 1;
