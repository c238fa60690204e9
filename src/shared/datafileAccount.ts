/**
 * The one check that a datafile belongs to the configured Optimizely account, for both modes: a
 * datafile of another account would credit conversions to the wrong place (or be refused).
 * It ships in the browser bundle, so it stays this small; each caller words its own context.
 */
import { otherAccount } from '../messages/account'

/**
 * Why the datafile whose `accountId` is `owner` cannot be used for the configured account, as
 * "belongs to account X, not to the configured account Y"; undefined when it can. `shownOwner`
 * replaces "account X" (the cloud hides IDs that are not digits, see src/cloud/datafile.ts).
 */
export function datafileAccountProblem(owner: unknown, configured: string, shownOwner = `account ${String(owner)}`): string | undefined {
  // Datafiles sometimes carry the ID as a number, and settings are typed in with stray spaces.
  const account = configured.trim()
  return String(owner) === account ? undefined : otherAccount(shownOwner, account)
}
