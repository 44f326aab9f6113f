// What the Raw view flags about one recorded answer: headers a poll's answer must carry but didn't, a body
// whose type was guessed, and how much of a large body is on screen. Imported by RawView.tsx; pure.
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../../../core/awsLimits.js';
import type { DecodedConfiguration } from '../../../core/decode.js';
import type { RawResponse } from '../../../protocol/messages.js';
import { formatBytes } from './format.js';

/** Longer texts are cut in the page: a 5 MB <pre> takes seconds to lay out; the diff editor shows it all. */
export const DISPLAY_CHARS = 512 * 1024;

const has = (headers: Record<string, string>, name: string) =>
  Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());

export function headerNotices(response: RawResponse): string[] {
  const status = response.httpStatus ?? 200;
  if (response.call !== 'GetLatestConfiguration' || response.error || status >= 300) return [];
  const notices: string[] = [];
  if (!has(response.headers, 'Next-Poll-Configuration-Token')) {
    notices.push(
      'No Next-Poll-Configuration-Token header: there is no token to poll with next, so the next poll needs a new session.',
    );
  }
  if (!has(response.headers, 'Next-Poll-Interval-In-Seconds')) {
    notices.push(
      `No Next-Poll-Interval-In-Seconds header: the client has to choose its own interval (the inspector waits ${DEFAULT_POLL_INTERVAL_SECONDS} s).`,
    );
  }
  return notices;
}

export function bodyNotices(
  response: RawResponse,
  decoded: DecodedConfiguration,
  cut: boolean,
): string[] {
  const notices: string[] = [];
  if (decoded.error) notices.push(decoded.error);
  if (!has(response.headers, 'Content-Type'))
    notices.push(`No Content-Type header: the body was read as ${decoded.kind} from its bytes.`);
  if (decoded.large) {
    notices.push(
      cut
        ? `Large body (${formatBytes(decoded.size)}): showing its first ${DISPLAY_CHARS / 1024} K characters.`
        : `Large body (${formatBytes(decoded.size)}).`,
    );
  }
  return notices;
}
