// The mark the inspector puts in the user agent of its own SDK calls, so the observer (observer.ts) can leave
// them out of observed sessions and the recording proxy (proxyForward.ts) can tag what it forwards.
// Imported by backend.ts, observer.ts, proxyForward.ts and faultLedger.test.ts; imports nothing.

/** Product token of every call the inspector's SDK clients make. */
export const INSPECTOR_USER_AGENT = 'appconfig-inspector';

/** Version after the product token (`appconfig-inspector/<version>`). */
export const INSPECTOR_VERSION = '0.1.0';
