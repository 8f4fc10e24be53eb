#!/usr/bin/env node
// `pnpm package`: the self-contained bundle, and from it spinel_<version>_amd64.deb,
// spinel-<version>-1.x86_64.rpm (when rpmbuild is installed) and spinel-<version>-linux-x64.tar.gz
// in dist/packages/ (the agent image, `pnpm image`, is made from the same bundle).
//
//   node tooling/package/package.mjs [--version 0.1.0] [--out dist/packages] [--bundle DIR] [--formats deb,tar,rpm] [--arch x64|arm64]
//
// --version overrides the agent's version (an upgrade test builds a higher one); --bundle reuses
// a bundle already built there instead of building one; --formats picks the artifacts (default
// all three; rpm only when rpmbuild is installed); --arch the architecture (x64 by default; a
// reused bundle says its own); --repo DIR also publishes the .deb and .rpm into the apt and yum
// repositories there (tooling/package/repo.mjs), signed with the key in --key-home (made there
// when it has none; default DIR/../.signing-key, a key for this machine only). Prints each
// artifact's path on stdout.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agentVersion, buildBundle, REPO } from './bundle.mjs';
import { execFileSync } from 'node:child_process';
import { buildDeb, buildTarball } from './deb.mjs';
import { ensureSigningKey, publishApt, publishYum } from './repo.mjs';
import { buildRpm } from './rpm.mjs';

const { values } = parseArgs({
  options: {
    version: { type: 'string' },
    out: { type: 'string' },
    bundle: { type: 'string' },
    formats: { type: 'string', default: 'deb,tar,rpm' },
    arch: { type: 'string', default: 'x64' },
    repo: { type: 'string' },
    'key-home': { type: 'string' },
  },
});
const formats = new Set(values.formats.split(','));
const version = values.version ?? agentVersion();
const out = path.resolve(values.out ?? path.join(REPO, 'dist/packages'));
mkdirSync(out, { recursive: true });
const bundle = values.bundle
  ? path.resolve(values.bundle)
  : await buildBundle(path.join(out, values.arch === 'x64' ? 'bundle' : `bundle-${values.arch}`), { arch: values.arch });
const haveRpmbuild =
  formats.has('rpm') &&
  (() => {
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
if (values.repo) {
  const repo = path.resolve(values.repo);
  const keyHome = path.resolve(values['key-home'] ?? path.join(repo, '..', '.signing-key'));
  ensureSigningKey(keyHome);
  publishApt(
    repo,
    artifacts.filter((a) => a.endsWith('.deb')),
    keyHome,
  );
  if (artifacts.some((a) => a.endsWith('.rpm')))
    publishYum(
      repo,
      artifacts.filter((a) => a.endsWith('.rpm')),
      keyHome,
    );
}
for (const artifact of artifacts) process.stdout.write(`${artifact}\n`);
