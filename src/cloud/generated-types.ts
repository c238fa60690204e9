// Generated file. DO NOT MODIFY IT BY HAND: run `npm run generate:types`.

export interface Settings {
  /**
   * The personal access token will be used to submit a GDPR delete request to Optimizely. To generate a personal access token, navigate to Profile->API Access and generate a new token.
   */
  accessToken?: string
  /**
   * In order to use Optimizely Feature Experimentation (Actions) via server side, you must enter your Account ID from your Optimizely account. You can find this ID by visiting https://app.optimizely.com/v2/accountsettings/account/plan
   */
  accountId: string
  /**
   * The datafile is a JSON representation of the current state of flags and experiments for an environment in your Feature Experimentation project. It looks like https://cdn.optimizely.com/datafiles/<SDK key>.json; the Optimizely app shows it under Settings, Environments.
   */
  dataFileUrl: string
  /**
   * What the mapped Revenue means. Cents (Optimizely's own unit): an integer, 1999 for $19.99; fractional revenue is not sent. Currency: currency units such as 19.99, multiplied by 100 and rounded to integer cents, as Segment's classic Optimizely integration did.
   */
  revenueUnit?: 'cents' | 'currency'
  /**
   * Send revenue only with these Optimizely event keys (e.g. Order Completed, as Segment's classic Optimizely integration did); other conversions are still sent, without revenue. Leave empty to send revenue with every event that maps one.
   */
  revenueEvents?: string[]
}
