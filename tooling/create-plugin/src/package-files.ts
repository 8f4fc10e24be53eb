import type { PluginSpec } from './spec.js';

/** package.json in the shape of the built-in plugins (exports with types, files, peer SDK). */
export function packageJson(spec: PluginSpec): string {
  const pkg = {
    name: spec.packageName,
    version: '0.1.0',
    description: spec.kind === 'collector' ? `Spinel collector ${spec.name}: runnable and total processes from /proc/loadavg.` : `Spinel handler ${spec.name}: appends samples to a file as JSON lines.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'README.md', 'sample.yaml'],
    engines: { node: '>=20.19' },
    keywords: ['spinel', 'spinel-plugin', `spinel-${spec.kind}`, 'metrics'],
    scripts: {
      build: 'tsc -p tsconfig.json && node scripts/readme.mjs',
      test: 'vitest run',
      prepublishOnly: 'npm run build && npm test',
    },
    peerDependencies: { '@spinel/sdk': spec.spinelRange },
    devDependencies: {
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
npm install
npm run build   # compiles to dist/ and regenerates the tables below from the options and catalogue
npm test        # fixtures, contract checks and a 200-round leak test
\`\`\`

Check it the way the agent will load it: \`spinel plugin check .\`

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

