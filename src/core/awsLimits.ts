// AppConfig Data limits and timings the core rules and the poll schedule share
// (docs/protocol.md §1.3, §1.5, §2, §9). Pure constants: importable from anywhere; imports nothing.

const HOUR_MS = 3_600_000;

/** A configuration token is valid "for up to 24 hours" after it was issued. */
export const TOKEN_LIFETIME_MS = 24 * HOUR_MS;

/** Age past which a held token is flagged as close to expiry. */
export const TOKEN_NEAR_EXPIRY_MS = 23 * HOUR_MS;

/** Powertools re-opens a session after 23 h 45 m (APPCONFIG_TOKEN_EXPIRATION); the schedule does the same. */
export const TOKEN_REFRESH_AGE_MS = 23 * HOUR_MS + 45 * 60_000;

/** AWS's documented default for Next-Poll-Interval-In-Seconds. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

/** Sessions for the same app/env/profile started by one client this close together count as churn. */
export const CHURN_WINDOW_MS = 10 * 60_000;
