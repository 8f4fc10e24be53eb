import { readdir, realpath, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { convertBytes, defineCollector } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { mountName, readMounts } from './mounts.js';
import { options } from './options.js';

async function diskLabels(): Promise<Map<string, string>> {
  const dir = '/dev/disk/by-label';
  const labels = new Map<string, string>();
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const label of entries) labels.set(await realpath(path.join(dir, label)).catch(() => ''), label);
  return labels;
}

export default defineCollector({
  name: 'diskspace',
  description: 'Filesystem space and inodes per mount from /proc/mounts and statfs(2), no df process (Diamond DiskSpaceCollector).',
  path: 'diskspace',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const mounts = await readMounts(ctx.procfs, ctx.signal);
    if (!mounts) return;
    const types = new Set(ctx.options.filesystems);
    const exclude = ctx.options.exclude_filters.length > 0 ? new RegExp(`^(?:${ctx.options.exclude_filters.map((p) => `(?:${p})`).join('|')})`) : undefined;
    const labels = ctx.options.use_labels ? await diskLabels() : new Map<string, string>();
    const seen = new Set<number>();
    for (const mount of mounts) {
      if (!types.has(mount.fsType) || exclude?.test(mount.mountPoint)) continue;
      if (/^\/(dev|proc|sys)(\/|$)/.test(mount.mountPoint) || !mount.device.includes('/') || !mount.mountPoint.startsWith('/')) continue;
      ctx.signal.throwIfAborted();
      // statfs runs on the thread pool, so a dead NFS server stalls this run, not the worker.
      const [info, fs] = await Promise.all([stat(mount.mountPoint).catch(() => undefined), statfs(mount.mountPoint).catch(() => undefined)]);
      if (!info || !fs || seen.has(info.dev)) continue;
      seen.add(info.dev);
      const name = labels.get(mount.device) ?? mountName(mount.mountPoint);
      const dimensions = { mount: mount.mountPoint, device: mount.device, fstype: mount.fsType };
      for (const unit of ctx.options.byte_unit) {
        ctx.publish(`${name}.${unit}_used`, convertBytes(fs.bsize * (fs.blocks - fs.bfree), 'byte', unit), { precision: 2, dimensions });
        ctx.publish(`${name}.${unit}_free`, convertBytes(fs.bsize * fs.bfree, 'byte', unit), { precision: 2, dimensions });
        ctx.publish(`${name}.${unit}_avail`, convertBytes(fs.bsize * fs.bavail, 'byte', unit), { precision: 2, dimensions });
      }
      ctx.publish(`${name}.inodes_used`, fs.files - fs.ffree, { dimensions });
      ctx.publish(`${name}.inodes_free`, fs.ffree, { dimensions });
      ctx.publish(`${name}.inodes_avail`, fs.ffree, { dimensions });
    }
  },
});
