/*
 * `spinel` inside the agent image. The image has no shell, so the bundle's sh launcher cannot run
 * there (`docker exec <name> spinel status` failed); this program does what that script does:
 * runs the bundled Node.js on the CLI with the same arguments, Node.js flags and environment
 * defaults. build-image.mjs compiles it with those settings from tooling/runtime/index.mjs
 * (SPINEL_NODE_FLAGS, SPINEL_NODE_FLAG_COUNT, SPINEL_ENV_DEFAULTS: name, value pairs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const node_flags[] = {SPINEL_NODE_FLAGS};
static const char *const env_defaults[] = {SPINEL_ENV_DEFAULTS};

int main(int argc, char **argv) {
  for (size_t i = 0; i + 1 < sizeof env_defaults / sizeof *env_defaults; i += 2) {
    if (setenv(env_defaults[i], env_defaults[i + 1], 0) != 0) return 70;
  }
  size_t flags = SPINEL_NODE_FLAG_COUNT;
  char **args = calloc((size_t)argc + flags + 2, sizeof *args);
  if (args == NULL) return 70;
  size_t n = 0;
  args[n++] = "/opt/spinel/bin/node";
  for (size_t i = 0; i < flags; i++) args[n++] = (char *)node_flags[i];
  args[n++] = "/opt/spinel/app/dist/cli.js";
  for (int i = 1; i < argc; i++) args[n++] = argv[i];
  execv(args[0], args);
  perror("spinel: cannot run /opt/spinel/bin/node");
  return 127;
}
