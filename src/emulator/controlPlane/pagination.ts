// Paging for the control-plane List* calls: `max_results` (1–50) and an opaque `next_token`, both query
// parameters as the model binds them. A token names the list it came from, so one issued for another
// list (or hand-made) is refused instead of silently paging the wrong thing.
import { badRequest } from '../http.js';

export interface Page<T> {
  Items: T[];
  NextToken?: string;
}

/** AWS does not document its default page size; the model's maximum keeps every default list on one page. */
const DEFAULT_PAGE_SIZE = 50;

function pageSize(url: URL): number {
  const raw = url.searchParams.get('max_results');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 50) {
    throw badRequest(`MaxResults must be an integer between 1 and 50; got '${raw}'.`);
  }
  return value;
}

function startOffset(url: URL, scope: string): number {
  const raw = url.searchParams.get('next_token');
  if (raw === null) return 0;
  if (raw.length < 1 || raw.length > 2048) {
    throw badRequest('NextToken must be between 1 and 2048 characters long.');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('NextToken is not a token this service issued.');
  }
  // JSON.parse also yields null, numbers and arrays; only the object we issue may be read as one.
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    throw badRequest('NextToken is not a token this service issued.');
  }
  const token = decoded as { s?: unknown; o?: unknown };
  if (typeof token.o !== 'number' || !Number.isSafeInteger(token.o) || token.o < 0) {
    throw badRequest('NextToken is not a token this service issued.');
  }
  if (token.s !== scope) {
    throw badRequest('NextToken was issued for a different list; start this list without it.');
  }
  return token.o as number;
}

/** One page of `items` for this request; `scope` identifies the list (e.g. `environments:abc1234`). */
export function paginate<T>(url: URL, scope: string, items: readonly T[]): Page<T> {
  const size = pageSize(url);
  const offset = startOffset(url, scope);
  const page: Page<T> = { Items: items.slice(offset, offset + size) };
  if (offset + size < items.length) {
    page.NextToken = Buffer.from(JSON.stringify({ s: scope, o: offset + size })).toString(
      'base64url',
    );
  }
  return page;
}
