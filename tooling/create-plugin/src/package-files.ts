import type { PluginSpec } from './spec.js';

/** package.json in the shape of the built-in plugins (exports with types, files, peer SDK). */
export function packageJson(spec: PluginSpec): string {
  const pkg = {
    name: spec.packageName,
    version: '0.1.0',
    description:
      spec.kind === 'collector'
        ? `Spinel collector ${spec.name}: runnable and total processes from /proc/loadavg.`
        : `Spinel handler ${spec.name}: appends samples to a file as JSON lines.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'README.md', 'sample.yaml'],
    engines: { node: '>=20.19' },
    keywords: ['spinel', 'spinel-plugin', `spinel-${spec.kind}`, 'metrics'],
    // `prepare` builds on `npm install`, so dist/ is there for `spinel plugin check .` and an
    // agent; check, collect and soak run the agent from devDependencies (`npx spinel ...`).
    scripts: {
      build: 'tsc -p tsconfig.json && node scripts/readme.mjs',
      // In a clone's workspace the clone's build makes dist/ after the packages it imports.
      ...(spec.inWorkspace ? {} : { prepare: 'npm run build' }),
      test: 'vitest run',
      check: 'spinel plugin check .',
      ...(spec.kind === 'collector' ? { collect: 'spinel collect . --runs 2 --interval 1' } : {}),
      soak: 'spinel soak . --minutes 3',
      prepublishOnly: 'npm run build && npm test && npm run check',
    },
    peerDependencies: { '@spinel/sdk': spec.spinelRange },
    devDependencies: {
      '@spinel/agent': spec.spinelRange,
      '@spinel/sdk': spec.spinelRange,
      '@spinel/testing': spec.spinelRange,
      '@types/node': '^20.19.0',
      typescript: '~5.9.3',
      vitest: '~4.1.12',
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function readme(spec: PluginSpec, intro: string): string {
  return `# ${spec.packageName}

${intro}

## Develop

\`\`\`sh
npm install     # also builds (prepare): dist/ and the tables below, from the options and catalogue
npm test        # fixtures, contract checks and a 200-round leak test
npm run check   # spinel plugin check .: the plugin as the agent loads it${
    spec.kind === 'collector'
      ? `
npm run collect # spinel collect . --runs 2: what it publishes on this host`
      : ''
  }
npm run soak    # spinel soak . --minutes 3: retained heap with a GC every round; exit 1 on a leak
npm publish     # builds, tests and checks first (prepublishOnly)
\`\`\`

## Use

\`\`\`sh
npm install ${spec.packageName}
\`\`\`

See \`sample.yaml\` for a config entry.

<!-- spinel:generated:start (npm run build) -->
Run \`npm run build\` to generate the option${spec.kind === 'collector' ? ' and metric tables' : 's table'}.
<!-- spinel:generated:end -->
`;
}
