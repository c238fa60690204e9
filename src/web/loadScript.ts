/**
 * Stands in for the browser runtime's `load-script` module in the browser builds. The runtime
 * hands `loadScript` to every definition's `initialize`, for destinations that inject a vendor's
 * script tag; this destination bundles its SDK and never calls it, so its code is left out. Should
 * a future `initialize` call it anyway, the load fails loudly instead of passing.
 */
export function loadScript(src: string): Promise<HTMLScriptElement> {
  return Promise.reject(new Error(`loadScript(${JSON.stringify(src)}) is not part of the Optimizely Feature Experimentation web bundle`))
}
