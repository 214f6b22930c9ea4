// The local gateway's WhatsApp tooling tokens: one JSON file in the data folder, holding each
// token's name and SHA-256 (never the token), readable by the gateway's user only. The send proxy
// reads it on every request, so a token revoked with `gateway whatsapp-token revoke` is refused
// from the next request on; no file means no tokens have been issued, and every send is refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseToolingTokens, serialiseToolingTokens, type ToolingToken } from '../../whatsapp/tooling-tokens.ts';
import { ensureDirectory, writeFileDurably } from './durable-file.ts';

export const TOOLING_TOKENS_FILE = 'whatsapp-tooling-tokens.json';

export const toolingTokensPath = (dataDir: string): string => join(dataDir, TOOLING_TOKENS_FILE);

export async function readToolingTokens(dataDir: string): Promise<ToolingToken[]> {
  const path = toolingTokensPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseToolingTokens(text, path);
}

/** Written whole under a temporary name and renamed, so a reader never sees half a list. */
export async function writeToolingTokens(dataDir: string, tokens: readonly ToolingToken[]): Promise<void> {
  await ensureDirectory(dataDir);
  await writeFileDurably(toolingTokensPath(dataDir), serialiseToolingTokens(tokens));
}
