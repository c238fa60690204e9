/** How long loading may wait for a usable datafile before the destination gives up (the SDK retries meanwhile). */
export const DATAFILE_LOAD_TIMEOUT_MS = 5000
