/*
 * `spinel` inside the agent image. The image has no shell, so the bundle's sh launcher cannot run
 * there (`docker exec <name> spinel status` failed); this program does what that script does:
 * runs the bundled Node.js on the CLI with the same arguments. Compiled by build-image.mjs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
  char **args = calloc((size_t)argc + 2, sizeof *args);
  if (args == NULL) return 70;
  args[0] = "/opt/spinel/bin/node";
  args[1] = "/opt/spinel/app/dist/cli.js";
  for (int i = 1; i < argc; i++) args[i + 1] = argv[i];
  execv(args[0], args);
  perror("spinel: cannot run /opt/spinel/bin/node");
  return 127;
}
