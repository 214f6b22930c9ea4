// `gateway whatsapp-token issue NAME | list | revoke NAME`: the tokens councillors' WhatsApp
// tooling presents to the local gateway's send proxy, kept in the data folder (GATEWAY_DATA_DIR,
// default .gateway). A token is printed once, on standard output alone so it can be piped into
// the tooling's configuration, and is kept nowhere; the file holds names and SHA-256 hashes. The
// same file is what goes into the tooling-tokens secret on AWS.
import { readLocalConfig } from '../local/config.ts';
import { readToolingTokens, toolingTokensPath, writeToolingTokens } from '../adapters/local/whatsapp-tooling-tokens.ts';
import { issueToolingToken, revokeToolingToken, TokenListError } from '../whatsapp/tooling-tokens.ts';
import type { Output } from './output.ts';
import { WHATSAPP_TOKEN_USAGE } from './whatsapp-token-usage.ts';


export async function whatsappTokenCommand(args: readonly string[], out: Output, env: Record<string, string | undefined> = process.env, now: () => Date = () => new Date()): Promise<number> {
  const [action, name, ...extra] = args;
  const needsName = action === 'issue' || action === 'revoke';
  if ((action !== 'list' && !needsName) || (needsName && name === undefined) || (action === 'list' && name !== undefined) || extra.length > 0) {
    out.error(`gateway whatsapp-token: say issue NAME, list or revoke NAME\n\n${WHATSAPP_TOKEN_USAGE}`);
    return 64;
  }
  const { dataDir } = readLocalConfig(env);
  const tokens = await readToolingTokens(dataDir);
  try {
    if (action === 'list') {
      if (tokens.length === 0) out.error('No WhatsApp tooling tokens have been issued.');
      for (const t of tokens) out.print(`${t.name}\tissued ${t.issuedAt}`);
      return 0;
    }
    if (action === 'issue') {
      const issued = issueToolingToken(tokens, name!, now());
      await writeToolingTokens(dataDir, issued.tokens);
      out.print(issued.token);
      out.error(
        `Issued the WhatsApp tooling token "${name}" (its hash is in ${toolingTokensPath(dataDir)}). ` +
          'It is shown only now: put it in the tooling as its bearer token, with the gateway as its Graph address.',
      );
      return 0;
    }
    await writeToolingTokens(dataDir, revokeToolingToken(tokens, name!));
    out.error(`Revoked the WhatsApp tooling token "${name}": the gateway refuses it from the next send on.`);
    return 0;
  } catch (error) {
    if (!(error instanceof TokenListError)) throw error;
    out.error(`gateway whatsapp-token: ${error.message}`);
    return 1;
  }
}
