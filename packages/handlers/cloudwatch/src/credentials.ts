import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { SigningCredentials } from './sigv4.js';

// The standard AWS credential chain, in the SDKs' order: explicit options, environment, the
// shared credentials file, container (ECS) credentials, then EC2 instance metadata (IMDSv2).
// Temporary credentials are cached until five minutes before they expire.

export interface Credentials extends SigningCredentials {
  /** Where they came from, for messages (never the secret). */
  source: string;
  /** Milliseconds since the epoch, for temporary credentials. */
  expiresAt?: number | undefined;
}

export interface ChainOptions {
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
  profile?: string | undefined;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const REFRESH_BEFORE_MS = 5 * 60_000;

async function fetchText(url: string, init: { method?: 'GET' | 'PUT'; headers?: Record<string, string>; timeoutMs: number }): Promise<string> {
  const response = await request(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    headersTimeout: init.timeoutMs,
    bodyTimeout: init.timeoutMs,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${init.method ?? 'GET'} ${url} answered HTTP ${response.statusCode}`);
  return text;
}

/** The `[profile]` section of an INI credentials file. */
export function parseCredentialsFile(text: string, profile: string): Record<string, string> | undefined {
  let current: string | undefined;
  const sections = new Map<string, Record<string, string>>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = header[1];
      if (current && !sections.has(current)) sections.set(current, {});
      continue;
    }
    const at = line.indexOf('=');
    if (current && at > 0) sections.get(current)![line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return sections.get(profile);
}

interface TemporaryJson {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  Token?: string;
  Expiration?: string;
}

function fromTemporary(json: TemporaryJson, source: string): Credentials {
  if (!json.AccessKeyId || !json.SecretAccessKey) throw new Error(`${source} returned no AccessKeyId/SecretAccessKey`);
  return {
    accessKeyId: json.AccessKeyId,
    secretAccessKey: json.SecretAccessKey,
    sessionToken: json.Token,
    expiresAt: json.Expiration ? Date.parse(json.Expiration) : undefined,
    source,
  };
}

export class CredentialChain {
  private cached: Credentials | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;

  constructor(private readonly options: ChainOptions = {}) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  /** Forget cached credentials (the service said they expired or were refused). */
  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<Credentials> {
    if (this.cached && (this.cached.expiresAt === undefined || this.cached.expiresAt - REFRESH_BEFORE_MS > Date.now())) return this.cached;
    const tried: string[] = [];
    const sources: Array<[string, () => Promise<Credentials | undefined>]> = [
      ['options access_key_id/secret_access_key', async () => this.fromOptions()],
      ['environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY', async () => this.fromEnv()],
      ['shared credentials file', () => this.fromFile()],
      ['container credentials', () => this.fromContainer()],
      ['instance metadata (IMDSv2)', () => this.fromInstanceMetadata()],
    ];
    for (const [name, load] of sources) {
      try {
        const found = await load();
        if (found) return (this.cached = found);
        tried.push(`${name}: not set`);
      } catch (error) {
        tried.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new Error(`no AWS credentials found; tried ${tried.join('; ')}`);
  }

  private fromOptions(): Credentials | undefined {
    const { accessKeyId, secretAccessKey, sessionToken } = this.options;
    if (!accessKeyId && !secretAccessKey) return undefined;
    if (!accessKeyId || !secretAccessKey) throw new Error('set both access_key_id and secret_access_key');
    return { accessKeyId, secretAccessKey, sessionToken, source: 'options' };
  }

  private fromEnv(): Credentials | undefined {
    const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token } = this.env;
    if (!id || !secret) return undefined;
    return { accessKeyId: id, secretAccessKey: secret, sessionToken: token || undefined, source: 'environment' };
  }

  private async fromFile(): Promise<Credentials | undefined> {
    const file = this.env.AWS_SHARED_CREDENTIALS_FILE || join(this.env.HOME || homedir(), '.aws', 'credentials');
    const profile = this.options.profile || this.env.AWS_PROFILE || 'default';
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const section = parseCredentialsFile(text, profile);
    if (!section?.aws_access_key_id || !section.aws_secret_access_key) return undefined;
    return {
      accessKeyId: section.aws_access_key_id,
      secretAccessKey: section.aws_secret_access_key,
      sessionToken: section.aws_session_token,
      source: `${file} [${profile}]`,
    };
  }

  private async fromContainer(): Promise<Credentials | undefined> {
    const relative = this.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    const full = this.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    const url = relative ? `http://169.254.170.2${relative}` : full;
    if (!url) return undefined;
    const token = this.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    const text = await fetchText(url, { headers: token ? { authorization: token } : {}, timeoutMs: this.timeoutMs });
    return fromTemporary(JSON.parse(text) as TemporaryJson, 'container credentials');
  }

  private async fromInstanceMetadata(): Promise<Credentials | undefined> {
    if ((this.env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') return undefined;
    const base = (this.env.AWS_EC2_METADATA_SERVICE_ENDPOINT || 'http://169.254.169.254').replace(/\/$/, '');
    const token = await fetchText(`${base}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
      timeoutMs: this.timeoutMs,
    });
    const headers = { 'x-aws-ec2-metadata-token': token };
    const roles = await fetchText(`${base}/latest/meta-data/iam/security-credentials/`, { headers, timeoutMs: this.timeoutMs });
    const role = roles.split('\n')[0]?.trim();
    if (!role) throw new Error('the instance has no IAM role');
    const text = await fetchText(`${base}/latest/meta-data/iam/security-credentials/${role}`, { headers, timeoutMs: this.timeoutMs });
    return fromTemporary(JSON.parse(text) as TemporaryJson, `instance metadata role ${role}`);
  }
}
