// The whatsapp-token commands' usage, for `gateway --help` too, which need not load the commands.
export const WHATSAPP_TOKEN_USAGE = `  gateway whatsapp-token issue NAME       issue a token for one councillor's WhatsApp tooling (shown once)
  gateway whatsapp-token list             the tokens issued: names and dates, never the tokens
  gateway whatsapp-token revoke NAME      refuse that token from the next send on`;
