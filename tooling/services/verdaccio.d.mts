export interface Registry {
  url: string;
  dir: string;
  /** An npm user config with `registry=` and the user's token. */
  npmrc: string;
  /** process.env plus the npm config pointing npm, npx and pnpm at the registry. */
  env: NodeJS.ProcessEnv;
  output(): string;
  stop(): Promise<void>;
}

export declare function installVerdaccio(): string;
export declare function startVerdaccio(): Promise<Registry>;
