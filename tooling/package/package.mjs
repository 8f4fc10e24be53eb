#!/usr/bin/env node
// `pnpm package`: the self-contained bundle, and from it spinel_<version>_amd64.deb,
// spinel-<version>-1.x86_64.rpm (when rpmbuild is installed) and spinel-<version>-linux-x64.tar.gz
// in dist/packages/ (the agent image, `pnpm image`, is made from the same bundle).
//
//   node tooling/package/package.mjs [--version 0.1.0] [--out dist/packages] [--bundle DIR] [--formats deb,tar,rpm]
//
// --version overrides the agent's version (an upgrade test builds a higher one); --bundle reuses
// a bundle already built there instead of building one; --formats picks the artifacts (default
// all three; rpm only when rpmbuild is installed). Prints each artifact's path on stdout.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agentVersion, buildBundle, REPO } from './bundle.mjs';
import { execFileSync } from 'node:child_process';
import { buildDeb, buildTarball } from './deb.mjs';
import { buildRpm } from './rpm.mjs';

const { values } = parseArgs({ options: { version: { type: 'string' }, out: { type: 'string' }, bundle: { type: 'string' }, formats: { type: 'string', default: 'deb,tar,rpm' } } });
const formats = new Set(values.formats.split(','));
const version = values.version ?? agentVersion();
const out = path.resolve(values.out ?? path.join(REPO, 'dist/packages'));
mkdirSync(out, { recursive: true });
const bundle = values.bundle ? path.resolve(values.bundle) : await buildBundle(path.join(out, 'bundle'));
const haveRpmbuild = formats.has('rpm') && (() => {
  try {
    execFileSync('rpmbuild', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    process.stderr.write('package: no rpmbuild (Debian: apt install rpm), so no .rpm\n');
    return false;
  }
})();
const artifacts = [
  ...(formats.has('deb') ? [buildDeb(bundle, version, out)] : []),
  ...(formats.has('tar') ? [buildTarball(bundle, version, out)] : []),
  ...(haveRpmbuild ? [buildRpm(bundle, version, out)] : []),
];
for (const artifact of artifacts) process.stdout.write(`${artifact}\n`);
