/**
 * The message catalogue, the account check both modes make (src/shared/datafileAccount.ts): its
 * own part because in the web bundle the check runs in the main file and in the SDK chunk, and a
 * catalogue part both reach is kept apart from the main file's other code.
 */

/** "belongs to account X, not to the configured account Y"; the caller says what belongs. */
export const otherAccount = (shownOwner: string, configured: string) =>
  `belongs to ${shownOwner}, not to the configured account ${configured}`
