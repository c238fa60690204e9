/**
 * Stands in for the browser runtime's `load-script` and `resolve-when` modules in the browser
 * builds. The runtime hands `loadScript` and `resolveWhen` to every definition's `initialize`,
 * for destinations that inject a vendor's script tag and wait for its global; this destination
 * bundles its SDK and never calls them, so their code is left out. Should a future `initialize`
 * call one anyway, it fails loudly instead of passing.
 */
import { notInWebBundle } from '../messages/page'

const notBundled = (name: string) => Promise.reject(new Error(notInWebBundle(name)))

export const loadScript = (src: string): Promise<HTMLScriptElement> => notBundled(`loadScript(${JSON.stringify(src)})`)

export const resolveWhen = (): Promise<void> => notBundled('resolveWhen')
