import { MalformedFileError, readOptionalFile } from '@spinel/sdk';

export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
}

/** `/proc/mounts` escapes spaces and other characters in paths as octal (`\040`). */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mounts from /proc/mounts (or /proc/self/mountinfo when mounts is missing). */
export async function readMounts(procfs: (...s: string[]) => string, signal: AbortSignal): Promise<Mount[] | undefined> {
  const mountsFile = procfs('mounts');
  const mounts = await readOptionalFile(mountsFile, signal);
  if (mounts !== undefined) {
    return mounts
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [device, mountPoint, fsType] = line.split(' ');
        if (!device || !mountPoint || !fsType)
          throw new MalformedFileError(mountsFile, `"<device> <mount point> <type> ..." lines, found ${JSON.stringify(line.slice(0, 80))}`);
        return { device, mountPoint: unescapeMountPath(mountPoint), fsType };
      });
  }
  const infoFile = procfs('self', 'mountinfo');
  const info = await readOptionalFile(infoFile, signal);
  if (info === undefined) return undefined;
  return info
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // <id> <parent> <maj:min> <root> <mount point> <options> [optional...] - <type> <source> <super options>
      const [before, after] = line.split(' - ');
      const fields = before?.split(' ') ?? [];
      const [fsType, device] = after?.split(' ') ?? [];
      const mountPoint = fields[4];
      if (!mountPoint || !fsType || !device) throw new MalformedFileError(infoFile, `mountinfo lines, found ${JSON.stringify(line.slice(0, 80))}`);
      return { device, mountPoint: unescapeMountPath(mountPoint), fsType };
    });
}

/** Diamond's naming: `/` is `root`, `/tmp` is `tmp`, else `/` and `.` become `_` and backslashes go. */
export function mountName(mountPoint: string): string {
  const name = mountPoint.replace(/\//g, '_').replace(/\./g, '_').replace(/\\/g, '');
  if (name === '_') return 'root';
  return name === '_tmp' ? 'tmp' : name;
}

/** Diamond reads a mount whose source is a path, a remote (`host:share`) or `tmpfs`, at an absolute mount point. */
export function isMeasurable(mount: Mount): boolean {
  return (mount.device.includes('/') || mount.device.includes(':') || mount.device === 'tmpfs') && mount.mountPoint.startsWith('/');
}
