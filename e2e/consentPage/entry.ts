/**
 * A website with a consent manager: Segment's published consent wrapper
 * (`@segment/analytics-consent-tools`, from npm) wraps the snippet's `window.analytics` before
 * analytics.js loads, as Segment's consent integrations do. Bundled for the browser by
 * support/consentPage.ts (esbuild).
 *
 * The consent manager itself is a stand-in: the visitor's choice per category, kept in
 * localStorage as a real one keeps it in a cookie (so a reload remembers it), and
 * `window.consentManager.choose()` for the tests to play the visitor changing their mind.
 */
import { createWrapper, type AnyAnalytics, type Categories, type ConsentModel } from '@segment/analytics-consent-tools'

export interface ConsentPageOptions {
  model: ConsentModel
  /** The visitor's choice until they make one (e.g. everything off but the strictly necessary). */
  initial: Categories
}

/** The consent manager's own key (its cookie stand-in); not the destination's. */
const CHOICE_KEY = 'consent-manager:choice'

export interface ConsentManager {
  choose(categories: Categories): void
}

function startConsentWrapper(options: ConsentPageOptions): void {
  const saved = localStorage.getItem(CHOICE_KEY)
  let categories: Categories = saved ? (JSON.parse(saved) as Categories) : options.initial
  const listeners: Array<(categories: Categories) => void> = []
  const manager: ConsentManager = {
    choose(next) {
      categories = next
      localStorage.setItem(CHOICE_KEY, JSON.stringify(next))
      for (const listener of listeners) listener(next)
    }
  }
  ;(window as unknown as { consentManager: ConsentManager }).consentManager = manager

  // The snippet's stub: its methods queue calls until analytics.js replaces it; it knows the write key.
  const page = window as unknown as { analytics: AnyAnalytics & { _writeKey: string } }
  createWrapper({
    shouldLoadSegment: (context) => context.load({ consentModel: options.model }),
    getCategories: () => categories,
    registerOnConsentChanged: (onChange) => {
      listeners.push(onChange)
    }
  })(page.analytics)
  page.analytics.load(page.analytics._writeKey)
  page.analytics.page()
}

;(window as unknown as { startConsentWrapper: typeof startConsentWrapper }).startConsentWrapper = startConsentWrapper
