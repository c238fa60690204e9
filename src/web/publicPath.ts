/**
 * Where the web bundle's lazy chunks are fetched from: the folder of the main file, wherever it is
 * served (Segment's CDN path, or a site's own copy), read from the script tag analytics.js loads
 * it with. The first module of the webpack entry (webpack.config.js), so it runs before any chunk
 * is requested. Webpack's `publicPath: 'auto'` finds the same folder with a longer runtime that
 * also covers workers; analytics.js always loads a remote plugin with its own script tag, so
 * `document.currentScript` names it.
 */
declare let __webpack_public_path__: string

// Without a current script (a host that runs the file some other way), the page's last script tag
// with a URL, as webpack's 'auto' guesses.
const scripts = document.getElementsByTagName('script')
const src = (document.currentScript as HTMLScriptElement | null)?.src || scripts[scripts.length - 1]?.src
if (src) __webpack_public_path__ = src.replace(/[?#].*$/, '').replace(/[^/]*$/, '')
