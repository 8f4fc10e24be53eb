import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { convertBytes, defineCollector, type FilesystemStats } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { isMeasurable, mountName, readMounts } from './mounts.js';
import { options } from './options.js';

/** Device node to label, from /dev/disk/by-label (Diamond names a labelled filesystem by its label). */
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
    // Diamond searches anywhere in the mount point; its default pattern anchors itself with ^.
    const exclude = ctx.options.exclude_filters.length > 0 ? new RegExp(ctx.options.exclude_filters.join('|')) : undefined;
    const labels = ctx.options.use_labels ? await diskLabels() : new Map<string, string>();
    const measured = new Map<number, { name: string; fs: FilesystemStats; dimensions: Record<string, string> }>();
    for (const mount of mounts) {
      if (!types.has(mount.fsType) || exclude?.test(mount.mountPoint) || !isMeasurable(mount)) continue;
      ctx.signal.throwIfAborted();
      const fs = await ctx.statfs(mount.mountPoint);
      if (!fs || measured.has(fs.dev)) continue;
      const device = labels.size > 0 ? await realpath(mount.device).catch(() => mount.device) : mount.device;
      const name = labels.get(device) ?? mountName(mount.mountPoint);
      measured.set(fs.dev, { name, fs, dimensions: { mount: mount.mountPoint, device: mount.device, fstype: mount.fsType } });
    }
    for (const { name, fs, dimensions } of measured.values()) {
      for (const unit of ctx.options.byte_unit) {
        const bytes = (blocks: number): number => convertBytes(fs.frsize * blocks, 'byte', unit);
        ctx.publish(`${name}.${unit}_percentfree`, fs.blocks > 0 ? (fs.bfree / fs.blocks) * 100 : 0, { precision: 2, dimensions });
        ctx.publish(`${name}.${unit}_percentavailable`, fs.blocks > 0 ? (fs.bavail / fs.blocks) * 100 : 0, { precision: 2, dimensions });
        if (ctx.options.simple) continue;
        ctx.publish(`${name}.${unit}_used`, bytes(fs.blocks - fs.bfree), { precision: 2, dimensions });
        ctx.publish(`${name}.${unit}_free`, bytes(fs.bfree), { precision: 2, dimensions });
        ctx.publish(`${name}.${unit}_avail`, bytes(fs.bavail), { precision: 2, dimensions });
      }
      if (ctx.options.simple) continue;
      if (fs.files > 0) ctx.publish(`${name}.inodes_percentfree`, (fs.ffree / fs.files) * 100, { precision: 0, dimensions });
      ctx.publish(`${name}.inodes_used`, fs.files - fs.ffree, { dimensions });
      ctx.publish(`${name}.inodes_free`, fs.ffree, { dimensions });
      ctx.publish(`${name}.inodes_avail`, fs.favail, { dimensions });
    }
  },
});
