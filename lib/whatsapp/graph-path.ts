// The two values of a send path that become part of the URL forwarded to Graph: checked against
// their shapes first, so nothing else can reach Graph's path.

/** Graph API versions: v23.0. */
export const isGraphVersion = (value: string): boolean => /^v\d{1,3}\.\d{1,2}$/.test(value);

/** Business phone number ids: digits. */
export const isPhoneNumberId = (value: string): boolean => /^\d{1,32}$/.test(value);
